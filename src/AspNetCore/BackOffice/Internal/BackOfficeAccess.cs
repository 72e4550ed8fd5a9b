using Microsoft.AspNetCore.Http;
using PosFleet.Status;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>
/// The one organization check of the back office, on the server, for every page and every form: the user's
/// organizations come from the host's authentication through <see cref="IOutletSetupPermissions"/> (by default the
/// <c>posfleet:outlet-setup</c> claims, seed 004), and a request naming another organization is refused.
/// </summary>
internal sealed class BackOfficeAccess(IOutletSetupPermissions permissions)
{
    /// <summary>What the check decided.</summary>
    public enum Verdict
    {
        /// <summary>The user may see the organization.</summary>
        Allowed,

        /// <summary>Nobody is signed in: challenge the host's authentication (a login page, 401).</summary>
        SignInRequired,

        /// <summary>The user is signed in but may not see the organization, or any: 403.</summary>
        Forbidden,
    }

    /// <summary>
    /// Checks that the signed-in user may see <paramref name="organization"/> (when <see langword="null"/> or empty,
    /// the first of theirs), and returns the scope of the request when they may.
    /// </summary>
    public async ValueTask<(Verdict Verdict, BackOfficeScope? Scope)> CheckAsync(HttpContext context, string? organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        if (user.Identities.All(i => !i.IsAuthenticated))
        {
            return (Verdict.SignInRequired, null);
        }

        var granted = await permissions.GetOrganizationsAsync(user, cancellationToken).ConfigureAwait(false);
        var organizations = granted.Order(StringComparer.Ordinal).ToList();
        if (organizations.Count == 0)
        {
            return (Verdict.Forbidden, null);
        }

        if (string.IsNullOrEmpty(organization))
        {
            return (Verdict.Allowed, new BackOfficeScope(organizations, organizations[0]));
        }

        return organizations.Contains(organization, StringComparer.Ordinal)
            ? (Verdict.Allowed, new BackOfficeScope(organizations, organization))
            : (Verdict.Forbidden, null);
    }
}
