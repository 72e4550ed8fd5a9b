using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Tests.Notifications.Engine;

/// <summary>
/// The engine composed as a host composes it (AddPosFleet().AddNotificationEngine(), in-memory store), a directory
/// of seed 002's people, notifiers that record what they are given, and a test clock.
/// </summary>
internal sealed class NotificationHarness : IDisposable
{
    public static readonly Uri Link = new("https://fleet.example/interventions/INT-7");

    private readonly ServiceProvider _provider;

    public NotificationHarness(Action<NotificationEngineOptions>? configure = null, Action<IServiceCollection>? services = null, bool withPush = true)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Clock);
        collection.AddSingleton<INotificationDirectory>(Directory);
        var builder = collection.AddPosFleet()
            .AddNotificationEngine(o =>
            {
                o.EnableDispatcher = false;
                o.UseRetryJitter = false;
                o.Rules.Add(new NotificationRule
                {
                    Kind = "intervention",
                    States = ["Open", "Closed"],
                    Channels = new Dictionary<string, IList<string>>
                    {
                        ["email"] = ["administrators", "customer", "technicians"],
                        ["push"] = ["administrators", "technicians"],
                        ["inapp"] = ["administrators", "technicians"],
                    },
                });
                configure?.Invoke(o);
            })
            .AddNotifier(NotificationChannel.Email, _ => Email);
        if (withPush)
        {
            builder.AddNotifier(NotificationChannel.Push, _ => Push);
        }

        services?.Invoke(collection);
        _provider = collection.BuildServiceProvider();
    }

    public TestClock Clock { get; } = new();

    public TestDirectory Directory { get; } = new();

    public RecordingNotifier Email { get; } = new();

    public RecordingNotifier Push { get; } = new();

    public IItemEventPublisher Publisher => _provider.GetRequiredService<IItemEventPublisher>();

    public INotificationDispatcher Dispatcher => _provider.GetRequiredService<INotificationDispatcher>();

    public INotificationStore Store => _provider.GetRequiredService<INotificationStore>();

    public INotificationInbox Inbox => _provider.GetRequiredService<INotificationInbox>();

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public ItemEvent Event(string eventId, ItemEventType type, string state, string? previous = null, string? assigned = null) => new()
    {
        EventId = eventId,
        Type = type,
        PreviousState = previous,
        AssignedTechnicianId = assigned,
        OccurredAt = Clock.GetUtcNow(),
        Item = new NotificationItem
        {
            Id = "INT-7", Kind = "intervention", Title = "Till 3 does not print", State = state, OrganizationId = "org-1",
            CustomerId = "cust-1", TechnicianIds = ["tech-1"], Link = Link,
        },
    };

    public async Task<IReadOnlyList<NotificationOutboxEntry>> OutboxAsync(NotificationDeliveryState? state = null)
        => await Store.QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1", State = state }, default);

    public void Dispose() => _provider.Dispose();

    /// <summary>Seed 002's people: an administrator, a customer contact and a technician, all reachable unless a test changes them.</summary>
    internal sealed class TestDirectory : INotificationDirectory
    {
        public List<NotificationRecipient> Administrators { get; } =
            [new() { Id = "admin-1", DisplayName = "Anna", Email = "anna@example.it", Audience = NotificationAudience.Administrators, HasLogin = true, HasProfile = true, Culture = CultureInfo.GetCultureInfo("it") }];

        public NotificationRecipient? Customer { get; set; } =
            new() { Id = "cust-1", DisplayName = "Bar Roma", Email = "info@barroma.example", Audience = NotificationAudience.Customer };

        public List<NotificationRecipient> Technicians { get; } =
            [new() { Id = "tech-1", DisplayName = "Marco", Email = "marco@example.it", Audience = NotificationAudience.Technicians, HasLogin = true, HasProfile = true }];

        public Dictionary<string, List<NotificationRecipient>> Roles { get; } = [];

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetAdministratorsAsync(string organizationId, CancellationToken cancellationToken)
            => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>(Administrators);

        public ValueTask<NotificationRecipient?> GetCustomerContactAsync(string organizationId, string customerId, CancellationToken cancellationToken)
            => ValueTask.FromResult(Customer?.Id == customerId ? Customer : null);

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetTechniciansAsync(string organizationId, IReadOnlyList<string> technicianIds, CancellationToken cancellationToken)
            => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([.. Technicians.Where(t => technicianIds.Contains(t.Id))]);

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetRoleMembersAsync(string organizationId, string role, CancellationToken cancellationToken)
            => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>(Roles.TryGetValue(role, out var members) ? members : []);
    }

    /// <summary>Keeps every message; answers with the outcomes a test queues, then Sent.</summary>
    internal sealed class RecordingNotifier : INotifier
    {
        public ConcurrentQueue<NotificationMessage> Messages { get; } = new();

        public ConcurrentQueue<DeliveryStatus> Outcomes { get; } = new();

        public ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
        {
            Messages.Enqueue(message);
            var status = Outcomes.TryDequeue(out var queued) ? queued : DeliveryStatus.Sent;
            return ValueTask.FromResult(NotificationResult.ForAll(message.Recipients, status, status == DeliveryStatus.Sent ? null : $"{status} from the test"));
        }
    }
}
