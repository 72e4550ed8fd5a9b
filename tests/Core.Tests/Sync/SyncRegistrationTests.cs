using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Exchange;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;

namespace PosFleet.Tests.Sync;

/// <summary>How a host composes the sync capability, and the in-process transport it uses in tests and demos.</summary>
public sealed class SyncRegistrationTests : IAsyncDisposable
{
    private readonly TestClock _clock = new();
    private readonly BackOffice _backOffice;

    public SyncRegistrationTests() => _backOffice = new BackOffice(_clock);

    public ValueTask DisposeAsync() => _backOffice.DisposeAsync();

    [Fact]
    public void AddSyncBackOfficeAndAgent_Twice_RegisterEachServiceOnce()
    {
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddPosFleet(o => o.TerminalId = "till-01");
        builder.AddSyncBackOffice().AddSyncBackOffice().AddSyncAgent(o => o.Credential = "x").AddSyncAgent().AddSyncInProcessTransport(_backOffice.Handler);
        using var provider = services.BuildServiceProvider();

        var hosted = provider.GetRequiredService<IEnumerable<IHostedService>>().ToList();

        Assert.Single(hosted, h => h is ISyncAgent);
        Assert.Single(services, d => d.ServiceType == typeof(ISyncExchangeHandler));
        Assert.Single(services, d => d.ServiceType == typeof(IOutbox));
        Assert.Same(provider.GetRequiredService<ISyncAgent>(), hosted.OfType<ISyncAgent>().Single());
        Assert.Equal(2, hosted.Count); // the agent and the inbox retention pass
    }

    [Fact]
    public async Task InProcessTransport_AnotherTerminalsCredential_ThrowsForbiddenAndNothingIsWritten()
    {
        await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        var other = await _backOffice.Registry.EnrolAsync("till-02", "ACME");
        var services = new ServiceCollection().AddLogging();
        services.AddPosFleet(o => o.TerminalId = "till-01").AddSyncAgent(o => o.Credential = other.Credential).AddSyncInProcessTransport(_backOffice.Handler);
        await using var provider = services.BuildServiceProvider();
        var request = new SyncRequest { TerminalId = "till-01", Heartbeat = new SyncHeartbeat { ApplicationVersion = "34" }, Outbox = [BackOffice.Ticket(1, _clock)] };

        var error = await Assert.ThrowsAsync<SyncExchangeException>(() => provider.GetRequiredService<ISyncTransport>().ExchangeAsync(request, default));

        Assert.Equal(SyncExchangeStatus.Forbidden, error.Status);
        Assert.Contains("till-02", error.Message, StringComparison.Ordinal);
        Assert.Empty(_backOffice.Tickets.Applied);
        Assert.False(await _backOffice.Inbox.ContainsAsync("till-01", request.Outbox[0].Id, default));
    }

    [Fact]
    public async Task InProcessTransport_ItsOwnCredential_PayloadArrivesThroughTheWireFormat()
    {
        var seen = new List<OutboxMessage>();
        await using var backOffice = new BackOffice(_clock, handler: new Capture(seen));
        var enrolment = await backOffice.Registry.EnrolAsync("till-01", "ACME");
        var services = new ServiceCollection().AddLogging();
        services.AddPosFleet(o => o.TerminalId = "till-01").AddSyncAgent(o => o.Credential = enrolment.Credential).AddSyncInProcessTransport(backOffice.Handler);
        await using var provider = services.BuildServiceProvider();
        var message = BackOffice.Ticket(7, _clock);

        var response = await provider.GetRequiredService<ISyncTransport>().ExchangeAsync(
            new SyncRequest { TerminalId = "till-01", Heartbeat = new SyncHeartbeat { ApplicationVersion = "34" }, Outbox = [message] }, default);

        Assert.Equal([message.Id], response.Acknowledged);
        var received = Assert.Single(seen);
        Assert.NotSame(message, received);
        Assert.Equal((message.Id, message.CreatedAt, message.Payload.GetRawText()), (received.Id, received.CreatedAt, received.Payload.GetRawText()));
    }

    [Fact]
    public async Task HandleAsync_SameRequestConcurrently_EachMessageAppliedOnce()
    {
        var till = await _backOffice.Registry.EnrolAsync("till-01", "ACME");
        var request = new SyncRequest
        {
            TerminalId = "till-01",
            Heartbeat = new SyncHeartbeat { ApplicationVersion = "34" },
            Outbox = [.. Enumerable.Range(1, 20).Select(n => BackOffice.Ticket(n, _clock))],
        };

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () => await _backOffice.Handler.HandleAsync(till.Credential, request, default))));

        Assert.All(results, r => Assert.Equal(request.Outbox.Select(m => m.Id), r.Response!.Acknowledged));
        Assert.Equal(Enumerable.Range(1, 20), _backOffice.Tickets.Applied.Select(t => t.Ticket).Order());
    }

    private sealed class Capture(List<OutboxMessage> seen) : IOutboxMessageHandler
    {
        public ValueTask HandleAsync(OutboxMessageContext context, OutboxMessage message, CancellationToken cancellationToken)
        {
            seen.Add(message);
            return ValueTask.CompletedTask;
        }
    }
}
