using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace PosFleet.Samples.BackOffice;

/// <summary>A development user and the one organization they may set up outlets on.</summary>
/// <param name="Name">The login name.</param>
/// <param name="DisplayName">The name shown.</param>
/// <param name="Organization">The organization.</param>
public sealed record DevelopmentUser(string Name, string DisplayName, string Organization)
{
    /// <summary>
    /// The user as the cookie carries them: a name, the id the notifications inbox knows them by (the name identifier, the
    /// back office's default recipient claim) and a <c>posfleet:outlet-setup</c> claim.
    /// </summary>
    public ClaimsPrincipal ToPrincipal() => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, Name), new Claim(ClaimTypes.NameIdentifier, Name), new Claim("posfleet:outlet-setup", Organization)],
        CookieAuthenticationDefaults.AuthenticationScheme));
}
