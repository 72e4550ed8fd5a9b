using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Connectors.PostgreSql.Tests.Notifications;

/// <summary>Two back-office instances dispatching from one database at once send each notification once.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlNotificationSharingTests(PostgreSqlServer server) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly List<ServiceProvider> _providers = [];
    private readonly ConcurrentDictionary<string, int> _sent = new(StringComparer.Ordinal);

    [Fact]
    public async Task DispatchDueAsync_TwoDispatchersOnOneDatabase_EachNotificationSentOnce()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var clock = new TestClock(Now.AddMinutes(1));
        var first = Provider(connectionString, clock);
        var second = Provider(connectionString, clock);
        var keys = Enumerable.Range(0, 200).Select(i => $"intervention/INT-{i}/e/ana/email").ToList();
        await first.GetRequiredService<INotificationStore>().AddAsync(
            new NotificationBatch([.. keys.Select((key, i) => Delivery(key, i))], [], []), default);

        // Both dispatch in small batches, at the same time, until neither finds anything due.
        var dispatchers = new[] { first, second }.Select(p => p.GetRequiredService<INotificationDispatcher>()).ToList();
        await Task.WhenAll(dispatchers.Select(d => Task.Run(async () =>
        {
            while (await d.DispatchDueAsync() > 0)
            {
            }
        })));

        Assert.Equal(keys.Order(StringComparer.Ordinal), _sent.Keys.Order(StringComparer.Ordinal));
        Assert.All(_sent, pair => Assert.Equal(1, pair.Value));
        var outbox = await first.GetRequiredService<INotificationStore>().QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1", Limit = 1000 }, default);
        Assert.All(outbox, e => Assert.Equal((NotificationDeliveryState.Sent, 1), (e.State, e.Attempts)));
    }

    [Fact]
    public async Task PublishThenDispatch_TwoHostsGetEveryEventAtOnce_EachInboxEntryAndEachEmailOnce()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var clock = new TestClock(Now);
        var hosts = new[] { EngineHost(connectionString, clock), EngineHost(connectionString, clock) };
        var events = Enumerable.Range(0, 25).Select(i => new ItemEvent
        {
            EventId = $"INT-{i}:open",
            Type = ItemEventType.StateChanged,
            OccurredAt = Now,
            Item = new NotificationItem { Id = $"INT-{i}", Kind = "intervention", Title = $"Till {i} does not print", State = "Open", OrganizationId = "org-1", TechnicianIds = ["tech-1"] },
        }).ToList();

        // Each host is told of every event at the same time (a report re-sent to the other instance publishes again),
        // then both dispatch at once until neither finds anything due.
        await Task.WhenAll(hosts.Select(h => Task.Run(async () =>
        {
            foreach (var e in events)
            {
                await h.GetRequiredService<IItemEventPublisher>().PublishAsync(e, default);
            }
        })));
        await Task.WhenAll(hosts.Select(h => Task.Run(async () =>
        {
            while (await h.GetRequiredService<INotificationDispatcher>().DispatchDueAsync() > 0)
            {
            }
        })));

        // Two recipients by e-mail for each of the 25 events, each once.
        Assert.Equal(50, _sent.Count);
        Assert.All(_sent, pair => Assert.Equal(1, pair.Value));
        foreach (var recipient in new[] { "admin-1", "tech-1" })
        {
            var inbox = await hosts[1].GetRequiredService<INotificationInbox>().ListAsync(new NotificationInboxQuery { OrganizationId = "org-1", RecipientId = recipient, Limit = 100 });
            Assert.Equal(events.Select(e => e.Item.Id).Order(StringComparer.Ordinal), inbox.Entries.Select(e => e.ItemId).Order(StringComparer.Ordinal));
        }
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private static NotificationOutboxEntry Delivery(string key, int i) => new()
    {
        Key = key,
        Channel = NotificationChannel.Email,
        RecipientId = "ana",
        Address = "ana@example.it",
        ItemKind = "intervention",
        ItemId = $"INT-{i}",
        EventId = "e",
        OrganizationId = "org-1",
        Content = new NotificationContent { Subject = $"INT-{i} is Open", Text = "Open." },
        CreatedAt = Now,
        DueAt = Now,
    };

    private ServiceProvider Provider(string connectionString, TimeProvider clock)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<INotificationDirectory, NoRecipients>(); // an instance of a back office has its people; these deliveries are queued by hand
        services.AddPosFleet()
            .AddNotificationEngine(o =>
            {
                o.EnableDispatcher = false;
                o.BatchSize = 5;
            })
            .AddNotifier(NotificationChannel.Email, _ => new CountingNotifier(_sent))
            .UsePostgreSqlStorage(connectionString);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    private ServiceProvider EngineHost(string connectionString, TimeProvider clock)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<INotificationDirectory>(new TwoPeople());
        services.AddPosFleet()
            .AddNotificationEngine(o =>
            {
                o.EnableDispatcher = false;
                o.BatchSize = 5;
                o.Rules.Add(new NotificationRule
                {
                    Kind = "intervention",
                    States = ["Open"],
                    Channels = new Dictionary<string, IList<string>> { ["email"] = ["administrators", "technicians"], ["inapp"] = ["administrators", "technicians"] },
                });
            })
            .AddNotifier(NotificationChannel.Email, _ => new CountingNotifier(_sent))
            .UsePostgreSqlStorage(connectionString);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    /// <summary>An administrator and a technician, both with a login and an address.</summary>
    private sealed class TwoPeople : INotificationDirectory
    {
        private static readonly NotificationRecipient Admin = new() { Id = "admin-1", DisplayName = "Anna", Email = "anna@example.it", Audience = NotificationAudience.Administrators, HasLogin = true, HasProfile = true };
        private static readonly NotificationRecipient Technician = new() { Id = "tech-1", DisplayName = "Marco", Email = "marco@example.it", Audience = NotificationAudience.Technicians, HasLogin = true, HasProfile = true };

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetAdministratorsAsync(string organizationId, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([Admin]);

        public ValueTask<NotificationRecipient?> GetCustomerContactAsync(string organizationId, string customerId, CancellationToken cancellationToken) =>
            ValueTask.FromResult<NotificationRecipient?>(null);

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetTechniciansAsync(string organizationId, IReadOnlyList<string> technicianIds, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>(technicianIds.Contains(Technician.Id) ? [Technician] : []);

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetRoleMembersAsync(string organizationId, string role, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);
    }

    /// <summary>Counts each send by idempotency key, yielding so that the two dispatchers interleave.</summary>
    private sealed class CountingNotifier(ConcurrentDictionary<string, int> sent) : INotifier
    {
        public async ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
        {
            await Task.Yield();
            sent.AddOrUpdate(message.IdempotencyKey, 1, (_, n) => n + 1);
            return NotificationResult.ForAll(message.Recipients, DeliveryStatus.Sent);
        }
    }

    private sealed class NoRecipients : INotificationDirectory
    {
        public ValueTask<IReadOnlyList<NotificationRecipient>> GetAdministratorsAsync(string organizationId, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);

        public ValueTask<NotificationRecipient?> GetCustomerContactAsync(string organizationId, string customerId, CancellationToken cancellationToken) => ValueTask.FromResult<NotificationRecipient?>(null);

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetTechniciansAsync(string organizationId, IReadOnlyList<string> technicianIds, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetRoleMembersAsync(string organizationId, string role, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);
    }
}
