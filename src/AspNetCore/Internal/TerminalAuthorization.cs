using Microsoft.Extensions.Primitives;

namespace PosFleet.AspNetCore.Internal;

/// <summary>
/// Reads the terminal's credential from <c>Authorization: Bearer &lt;credential&gt;</c> (RFC 6750): the credential
/// is an opaque bearer token that names its terminal, so no other scheme is needed and proxies and loggers that
/// redact bearer tokens already redact it.
/// </summary>
internal static class TerminalAuthorization
{
    public const string Scheme = "Bearer";

    public const string Realm = "posfleet-sync";

    /// <summary>The credential, or <see langword="null"/> when the header is missing, repeated or of another scheme.</summary>
    public static string? Read(StringValues header)
    {
        if (header.Count != 1 || header[0] is not { } value)
        {
            return null;
        }

        var span = value.AsSpan().Trim();
        if (span.Length <= Scheme.Length + 1
            || !span[..Scheme.Length].Equals(Scheme, StringComparison.OrdinalIgnoreCase)
            || span[Scheme.Length] != ' ')
        {
            return null;
        }

        var token = span[(Scheme.Length + 1)..].Trim();
        return token.IsEmpty ? null : token.ToString();
    }
}
