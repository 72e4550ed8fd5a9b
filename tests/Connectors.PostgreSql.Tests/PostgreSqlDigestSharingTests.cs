using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PosFleet.Digests;
using PosFleet.Logs;
using PosFleet.Logs.Storage;
using PosFleet.Notifications;

namespace PosFleet.Connectors.PostgreSql.Tests;

/// <summary>Back-office instances over one database share one run ledger: each digest goes out once, whoever runs it.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlDigestSharingTests(PostgreSqlServer server) : IDisposable
{
    private static readonly DateTimeOffset FirstWindowEnd = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private readonly List<ServiceProvider> _providers = [];
    private readonly CountingNotifier _notifier = new();

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task RunDue_InstancesOnOneDatabaseAtOnce_SendEachDigestOnce(int instances)
    {
        var connectionString = await server.CreateDatabaseAsync();
        var clock = new TestClock(FirstWindowEnd.AddDays(-1));
        var hosts = Enumerable.Range(0, instances).Select(i => Instance(connectionString, clock, $"back-office-{i}")).ToList();
        await hosts[0].GetRequiredService<IDigestStore>().SaveSubscriptionAsync(
            new DigestSubscription { Id = "shop-12", Name = "Shop 12", Recipients = ["ops@example.com"], SendTime = new TimeOnly(8, 0) }, default);
        var entries = Enumerable.Range(1, 5).Select(day => new LogEntry
        {
            Timestamp = FirstWindowEnd.AddDays(day - 1).AddHours(-3),
            Terminal = "till-01",
            Kind = LogKind.Offline,
            Severity = LogSeverity.Alert,
            Message = "Printer KITCHEN is offline",
            Template = "Printer KITCHEN is offline",
            TemplateId = 7,
            Position = new LogPosition("till.log", day),
        }).ToList();
        await hosts[0].GetRequiredService<ILogStore>().AppendAsync(new LogBatch(entries, new("till.log", 500, 5, 1)), default);

        for (var day = 0; day < 5; day++)
        {
            clock.SetUtcNow(FirstWindowEnd.AddDays(day).AddSeconds(1));
            await Task.WhenAll(hosts.Select(h => Task.Run(async () => await h.GetRequiredService<IDigestRunner>().RunDueAsync())));
        }

        var keys = _notifier.Keys.ToList();
        Assert.Equal(5, keys.Count);
        Assert.Equal(5, keys.Distinct(StringComparer.Ordinal).Count());
        var runs = await hosts[^1].GetRequiredService<IDigestStore>().QueryRunsAsync(new DigestRunQuery(), default);
        Assert.Equal(5, runs.Count(r => r.Status == DigestRunStatus.Sent));
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private ServiceProvider Instance(string connectionString, TimeProvider clock, string hostId)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<INotifier>(_notifier);
        services.AddPosFleet().UsePostgreSqlStorage(connectionString).AddDigests(o =>
        {
            o.HostId = hostId;
            o.UseRetryJitter = false;
        });
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    /// <summary>Keeps the idempotency key of every message it is given.</summary>
    private sealed class CountingNotifier : INotifier
    {
        public ConcurrentQueue<string> Keys { get; } = new();

        public ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
        {
            Keys.Enqueue(message.IdempotencyKey);
            return ValueTask.FromResult(NotificationResult.ForAll(message.Recipients, DeliveryStatus.Sent));
        }
    }
}
