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
