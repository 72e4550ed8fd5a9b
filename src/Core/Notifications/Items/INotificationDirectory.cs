namespace PosFleet.Notifications.Items;

/// <summary>
/// The host's people, as the engine asks for them: the SPI a host implements over its users and contacts. Return
/// everyone the audience names, reachable or not; the engine skips (and records) those it cannot reach.
/// </summary>
public interface INotificationDirectory
{
    /// <summary>The administrators of <paramref name="organizationId"/> (seed 002: access users with the admin profile).</summary>
    /// <param name="organizationId">The item's organization.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The administrators.</returns>
    ValueTask<IReadOnlyList<NotificationRecipient>> GetAdministratorsAsync(string organizationId, CancellationToken cancellationToken);

    /// <summary>The contact of the customer <paramref name="customerId"/>, or <see langword="null"/> when the host knows none.</summary>
    /// <param name="organizationId">The item's organization.</param>
    /// <param name="customerId">The item's customer.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The contact, if any.</returns>
    ValueTask<NotificationRecipient?> GetCustomerContactAsync(string organizationId, string customerId, CancellationToken cancellationToken);

    /// <summary>The technicians <paramref name="technicianIds"/>, those the host knows (an unknown id is recorded as skipped).</summary>
    /// <param name="organizationId">The item's organization.</param>
    /// <param name="technicianIds">The technicians' ids.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The technicians found.</returns>
    ValueTask<IReadOnlyList<NotificationRecipient>> GetTechniciansAsync(string organizationId, IReadOnlyList<string> technicianIds, CancellationToken cancellationToken);

    /// <summary>The members of the role <paramref name="role"/> in <paramref name="organizationId"/>.</summary>
    /// <param name="organizationId">The item's organization.</param>
    /// <param name="role">The role's name.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The members.</returns>
    ValueTask<IReadOnlyList<NotificationRecipient>> GetRoleMembersAsync(string organizationId, string role, CancellationToken cancellationToken);
}
