using System.Security.Claims;

namespace PosFleet.Status;

/// <summary>
/// Which organizations a user holds the permission to set up outlets on (seed 004: "the table displays the outlets
/// where users have this permission enabled"). The default reads the user's claims of type
/// <see cref="StatusOptions.PermissionClaimType"/>, one organization per claim; a host with its own permission model implements this.
/// </summary>
public interface IOutletSetupPermissions
{
    /// <summary>The organizations <paramref name="user"/> may set up outlets on (empty when none).</summary>
    /// <param name="user">The signed-in user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The organizations.</returns>
    ValueTask<IReadOnlyCollection<string>> GetOrganizationsAsync(ClaimsPrincipal user, CancellationToken cancellationToken);
}
