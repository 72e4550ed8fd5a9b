using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace PosFleet.Status;

/// <summary>The default <see cref="IOutletSetupPermissions"/>: the values of the user's <see cref="StatusOptions.PermissionClaimType"/> claims, from authenticated identities only.</summary>
internal sealed class ClaimsOutletSetupPermissions(IOptions<StatusOptions> options) : IOutletSetupPermissions
{
    public ValueTask<IReadOnlyCollection<string>> GetOrganizationsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var type = options.Value.PermissionClaimType;
        IReadOnlyCollection<string> organizations = user.Identities
            .Where(i => i.IsAuthenticated)
            .SelectMany(i => i.FindAll(type))
            .Select(c => c.Value)
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return ValueTask.FromResult(organizations);
    }
}
