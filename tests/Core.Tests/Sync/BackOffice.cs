using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using PosFleet.Sync;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;

namespace PosFleet.Tests.Sync;

/// <summary>A back office composed as a host does (in-memory stores), applying "ticket" messages into a list, with its logs collected.</summary>
internal sealed class BackOffice : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public BackOffice(TimeProvider time, Action<SyncBackOfficeOptions>? configure = null, IOutboxMessageHandler? handler = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddFakeLogging();
        services.AddPosFleet().AddSyncBackOffice(configure).AddOutboxMessageHandler("ticket", handler ?? Tickets);
        _provider = services.BuildServiceProvider();
    }

    public RecordingHandler Tickets { get; } = new();

    public ISyncExchangeHandler Handler => _provider.GetRequiredService<ISyncExchangeHandler>();

    public ITerminalRegistry Registry => _provider.GetRequiredService<ITerminalRegistry>();

    public ISyncInboxStore Inbox => _provider.GetRequiredService<ISyncInboxStore>();

    public FakeLogCollector Logs => _provider.GetFakeLogCollector();

    public IServiceProvider Services => _provider;

    public static OutboxMessage Ticket(int n, TimeProvider time)
    {
        using var payload = JsonDocument.Parse($$"""{"ticket":{{n}}}""");
        return OutboxMessage.Create("ticket", payload.RootElement, time);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    /// <summary>Applies "ticket" messages by adding their number to a list; can be told to fail on one ticket (a failure that may pass) or reject one as invalid.</summary>
    internal sealed class RecordingHandler : IOutboxMessageHandler
    {
        private readonly List<(string Terminal, string Organization, int Ticket)> _applied = [];

        public int? FailOn { get; set; }

        public int? RejectOn { get; set; }

        public IReadOnlyList<(string Terminal, string Organization, int Ticket)> Applied
        {
            get
            {
                lock (_applied)
                {
                    return [.. _applied];
                }
            }
        }

        public ValueTask HandleAsync(OutboxMessageContext context, OutboxMessage message, CancellationToken cancellationToken)
        {
            var ticket = message.Payload.GetProperty("ticket").GetInt32();
            if (ticket == FailOn)
            {
                throw new InvalidOperationException($"ticket {ticket} is refused by the test");
            }

            if (ticket == RejectOn)
            {
                throw new OutboxMessageRejectedException($"ticket {ticket} has no lines");
            }

            lock (_applied)
            {
                _applied.Add((context.TerminalId, context.Organization, ticket));
            }

            return ValueTask.CompletedTask;
        }
    }
}
