using PosFleet.Notifications.Items;

namespace PosFleet.Samples.BackOffice;

/// <summary>
/// DEVELOPMENT ONLY: the notification engine's directory over the two development users, each the administrator of their
/// organization with a login, known by the id the back office's bell reads (the name identifier claim, their name). A
/// real back office answers from its own users and contacts.
/// </summary>
internal sealed class DevelopmentDirectory : INotificationDirectory
{
    public ValueTask<IReadOnlyList<NotificationRecipient>> GetAdministratorsAsync(string organizationId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Of(organizationId, NotificationAudience.Administrators));

    public ValueTask<NotificationRecipient?> GetCustomerContactAsync(string organizationId, string customerId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<NotificationRecipient?>(null);

    public ValueTask<IReadOnlyList<NotificationRecipient>> GetTechniciansAsync(string organizationId, IReadOnlyList<string> technicianIds, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>(
            [.. Of(organizationId, NotificationAudience.Technicians).Where(r => technicianIds.Contains(r.Id, StringComparer.Ordinal))]);

    public ValueTask<IReadOnlyList<NotificationRecipient>> GetRoleMembersAsync(string organizationId, string role, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);

    private static IReadOnlyList<NotificationRecipient> Of(string organizationId, NotificationAudience audience) =>
    [
        .. DevelopmentLogin.Users.Where(u => u.Organization == organizationId).Select(u => new NotificationRecipient
        {
            Id = u.Name,
            DisplayName = u.DisplayName,
            Audience = audience,
            HasLogin = true,
            HasProfile = true,
        }),
    ];
}
