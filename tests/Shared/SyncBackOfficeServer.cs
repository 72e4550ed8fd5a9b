using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using PosFleet.AspNetCore;
using PosFleet.Sync;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;

namespace PosFleet.Tests;

/// <summary>
/// A real back office for the HTTP tests: Kestrel on 127.0.0.1 at a free port serving <c>MapPosFleetSync</c> over the
/// Core in-memory stores (or the host's storage), with a "ticket" handler that counts each message's effects. It can
/// answer the next requests with a status of its choice, before the endpoint sees them.
/// </summary>
internal sealed class SyncBackOfficeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses = new();
    private int _requests;

    private SyncBackOfficeServer(WebApplication app, Uri syncUri, CountingTicketHandler tickets)
    {
        _app = app;
        SyncUri = syncUri;
        Tickets = tickets;
    }

    public Uri SyncUri { get; }

    public CountingTicketHandler Tickets { get; }

    /// <summary>Every log record of the back office, at every level.</summary>
    public FakeLogCollector Logs => _app.Services.GetFakeLogCollector();

    public IServiceProvider Services => _app.Services;

    /// <summary>How many requests reached the server (before the endpoint).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<SyncBackOfficeServer> StartAsync(
        Action<SyncBackOfficeOptions>? backOffice = null,
        Action<SyncEndpointOptions>? endpoint = null,
        Action<IPosFleetBuilder>? storage = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddFakeLogging().SetMinimumLevel(LogLevel.Trace);
        var tickets = new CountingTicketHandler();
        var fleet = builder.Services.AddPosFleet();
        storage?.Invoke(fleet);
        fleet.AddSyncBackOffice(backOffice)
            .AddSyncEndpoint(endpoint)
            .AddOutboxMessageHandler("ticket", tickets);
        var app = builder.Build();
        SyncBackOfficeServer? server = null;
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref server!._requests);
            if (server._statuses.TryDequeue(out var status))
            {
                context.Response.StatusCode = status;
                return;
            }

            await next(context);
        });
        app.MapPosFleetSync();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new SyncBackOfficeServer(app, new Uri(new Uri(address), SyncEndpointRouteBuilderExtensions.DefaultPattern), tickets);
        return server;
    }

    /// <summary>Answers the next <paramref name="times"/> requests with <paramref name="status"/> (and no body).</summary>
    public void AnswerNext(int status, int times)
    {
        for (var i = 0; i < times; i++)
        {
            _statuses.Enqueue(status);
        }
    }

    public ValueTask<TerminalEnrolment> EnrolAsync(string terminalId, string organization = "ACME") =>
        _app.Services.GetRequiredService<ITerminalRegistry>().EnrolAsync(terminalId, organization);

    public ValueTask<bool> RevokeAsync(string terminalId) =>
        _app.Services.GetRequiredService<ITerminalRegistry>().RevokeAsync(terminalId);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Applies "ticket" messages by counting them per id and per terminal: an effect seen twice is a defect.</summary>
    internal sealed class CountingTicketHandler : IOutboxMessageHandler
    {
        private readonly ConcurrentDictionary<Guid, int> _applied = new();
        private readonly ConcurrentDictionary<Guid, string> _terminals = new();

        public IReadOnlyDictionary<Guid, int> Applied => _applied;

        public int Total => _applied.Values.Sum();

        public string? TerminalOf(Guid id) => _terminals.GetValueOrDefault(id);

        public ValueTask HandleAsync(OutboxMessageContext context, OutboxMessage message, CancellationToken cancellationToken)
        {
            _applied.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
            _terminals[message.Id] = context.TerminalId;
            return ValueTask.CompletedTask;
        }
    }
}
