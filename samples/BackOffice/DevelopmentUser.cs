using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace PosFleet.Samples.BackOffice;

/// <summary>A development user and the one organization they may set up outlets on.</summary>
/// <param name="Name">The login name.</param>
/// <param name="DisplayName">The name shown.</param>
/// <param name="Organization">The organization.</param>
public sealed record DevelopmentUser(string Name, string DisplayName, string Organization)
{
    /// <summary>The user as the cookie carries them: a name and a <c>posfleet:outlet-setup</c> claim.</summary>
    public ClaimsPrincipal ToPrincipal() => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, Name), new Claim("posfleet:outlet-setup", Organization)],
        CookieAuthenticationDefaults.AuthenticationScheme));
}
