using Microsoft.AspNetCore.Http;

namespace PosFleet.AspNetCore.Internal;

/// <summary>The endpoint's error answers: <c>application/problem+json</c> (RFC 9457) that a terminal can log as they are.</summary>
internal static class SyncProblem
{
    public static Task UnauthorizedAsync(HttpContext context, bool missing)
    {
        // RFC 6750 §3: no error code when no credential was sent; invalid_token when one was and it is not accepted.
        context.Response.Headers.WWWAuthenticate = missing
            ? $"{TerminalAuthorization.Scheme} realm=\"{TerminalAuthorization.Realm}\""
            : $"{TerminalAuthorization.Scheme} realm=\"{TerminalAuthorization.Realm}\", error=\"invalid_token\"";
        return WriteAsync(context, StatusCodes.Status401Unauthorized, "Terminal not authenticated",
            missing
                ? "No terminal credential was sent: send the credential issued at enrolment in the Authorization header (Bearer)."
                : "The credential is unknown, revoked or wrong: enrol the terminal again and give it the new credential.");
    }

    public static Task WriteAsync(HttpContext context, int status, string title, string? detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
}
