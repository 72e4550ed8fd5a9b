using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PosFleet.Sync;
using PosFleet.Sync.Outbox;

namespace PosFleet.Connectors.PostgreSql.Tests.Sync;

/// <summary>Connector-host instances sharing one outbox on one database send each message once, in order.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlOutboxSharingTests(PostgreSqlServer server) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public async Task PeekAndAcknowledge_TwoInstancesAtOnce_EachMessageSentOnceInOrder()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(Now);
        var hosts = new[] { Outbox(connectionString, clock), Outbox(connectionString, clock) };
        var enqueued = new List<Guid>();
        for (var n = 0; n < 200; n++)
        {
            enqueued.Add((await hosts[n % 2].EnqueueAsync(Message(n), default)).Id);
        }

        var sent = new List<(int Host, Guid Id)>();
        await Task.WhenAll(hosts.Select((outbox, host) => Task.Run(async () =>
        {
            while (await outbox.CountAsync(default) > 0)
            {
                var batch = await outbox.PeekAsync(7, 1 << 20, default);
                lock (sent)
                {
                    sent.AddRange(batch.Select(m => (host, m.Id)));
                }

                await outbox.AcknowledgeAsync([.. batch.Select(m => m.Id)], default);
            }
        })));

        Assert.Equal(enqueued, sent.Select(s => s.Id));
        Assert.Equal(0L, await hosts[0].CountAsync(default));
    }

    [Fact]
    public async Task Peek_SenderGoneWithoutAcknowledging_AnotherInstanceSendsOnceTheLeaseEnds()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(Now);
        var first = Outbox(connectionString, clock);
        var second = Outbox(connectionString, clock);
        var message = await first.EnqueueAsync(Message(1), default);

        Assert.Equal([message.Id], (await first.PeekAsync(10, 1 << 20, default)).Select(m => m.Id));
        Assert.Empty(await second.PeekAsync(10, 1 << 20, default));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Empty(await second.PeekAsync(10, 1 << 20, default));
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        var taken = await second.PeekAsync(10, 1 << 20, default);

        Assert.Equal([message.Id], taken.Select(m => m.Id));
        // The first instance, back, no longer holds the lease and sends nothing until the second acknowledges.
        Assert.Empty(await first.PeekAsync(10, 1 << 20, default));
        Assert.Equal(1, await second.AcknowledgeAsync([message.Id], default));
        Assert.Empty(await first.PeekAsync(10, 1 << 20, default));
    }

    [Fact]
    public async Task Peek_AfterTheSenderRejected_AnotherInstanceSendsTheRest()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(Now);
        var first = Outbox(connectionString, clock);
        var second = Outbox(connectionString, clock);
        var bad = await first.EnqueueAsync(Message(1), default);
        var good = await first.EnqueueAsync(Message(2), default);
        await first.PeekAsync(1, 1 << 20, default);

        Assert.Equal(1, await first.RejectAsync([new OutboxRejection(bad.Id, "unknown item")], Now, default));

        Assert.Equal([good.Id], (await second.PeekAsync(10, 1 << 20, default)).Select(m => m.Id));
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private static OutboxMessage Message(int n)
    {
        using var payload = JsonDocument.Parse($$"""{"ticket":{{n}}}""");
        return new OutboxMessage { Id = Guid.NewGuid(), Type = "ticket", Payload = payload.RootElement.Clone(), CreatedAt = Now.AddSeconds(n) };
    }

    private IOutbox Outbox(string connectionString, TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddPosFleet(o => o.TerminalId = "till-01")
            .AddSyncAgent(o => o.Credential = "unused")
            .UsePostgreSqlStorage(o =>
            {
                o.ConnectionString = connectionString;
                o.OutboxLeaseDuration = TimeSpan.FromMinutes(3);
            });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IOutbox>();
    }
}
