using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using PosFleet.Status;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Changes;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;
using PosFleet.Sync.Outbox;

namespace PosFleet.Tests.Status;

/// <summary>A terminal's agent and a back office with <c>AddStatus</c>, in one process on a fake clock: what the heartbeat carries and what the board shows.</summary>
public sealed class StatusHeartbeatTests : IAsyncDisposable
{
    private readonly TestClock _clock = new();
    private readonly ServiceProvider _backOffice;
    private readonly List<ServiceProvider> _terminals = [];

    public StatusHeartbeatTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddFakeLogging();
        services.AddPosFleet()
            .AddSyncBackOffice(o => o.MinimumApplicationVersion = "34")
            .AddOutboxMessageHandler("ticket", new Tickets())
            .AddStatus(o => o.TargetVersions["ACME"] = "35");
        services.AddSingleton<IChangeExporter>(new EmptyBatches());
        _backOffice = services.BuildServiceProvider();
    }

    private IStatusBoard Board => _backOffice.GetRequiredService<IStatusBoard>();

    private ITerminalStatusStore Store => _backOffice.GetRequiredService<ITerminalStatusStore>();

    public async ValueTask DisposeAsync()
    {
        foreach (var terminal in _terminals)
        {
            await terminal.DisposeAsync();
        }

        await _backOffice.DisposeAsync();
    }

    private async Task<ServiceProvider> TerminalAsync(string id, string version, ISyncTransport? transport = null, IChangeImporter? importer = null, int maxExchangesPerSync = 1)
    {
        var enrolment = await _backOffice.GetRequiredService<ITerminalRegistry>().EnrolAsync(id, "ACME");
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddFakeLogging();
        services.AddPosFleet(o => (o.TerminalId, o.Organization) = (id, "ACME"))
            .AddSyncAgent(o =>
            {
                o.Credential = enrolment.Credential;
                o.ApplicationVersion = version;
                o.LastUpdate = new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero);
                o.Interval = TimeSpan.FromMinutes(2);
                o.IntervalJitter = TimeSpan.Zero;
                o.MaxBatchMessages = 1;
                o.MaxExchangesPerSync = maxExchangesPerSync;
            })
            .AddSyncInProcessTransport(_backOffice.GetRequiredService<ISyncExchangeHandler>());
        if (transport is not null)
        {
            services.AddSingleton(transport);
        }

        if (importer is not null)
        {
            services.AddSingleton(importer);
        }

        var provider = services.BuildServiceProvider();
        _terminals.Add(provider);
        return provider;
    }

    private static OutboxMessage Ticket(int n, TimeProvider time)
    {
        using var payload = JsonDocument.Parse($$"""{"ticket":{{n}}}""");
        return OutboxMessage.Create("ticket", payload.RootElement, time);
    }

    [Fact]
    public async Task SyncNowAsync_Succeeded_BackOfficeKeepsTheHeartbeat()
    {
        var terminal = await TerminalAsync("till-01", "35.0");
        var outbox = terminal.GetRequiredService<IOutbox>();
        await outbox.EnqueueAsync(Ticket(1, _clock), default);
        _clock.Advance(TimeSpan.FromMinutes(7));
        await outbox.EnqueueAsync(Ticket(2, _clock), default);
        var agent = terminal.GetRequiredService<ISyncAgent>();

        await agent.SyncNowAsync();
        var first = await Store.GetAsync("till-01", default);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = await agent.SyncNowAsync();
        var latest = await Store.GetAsync("till-01", default);

        Assert.NotNull(first);
        Assert.Equal(("ACME", "35.0", 2L, TimeSpan.FromMinutes(7)), (first.Organization, first.ApplicationVersion, first.OutboxDepth, first.OldestUnsentAge));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero), first.LastUpdate);
        Assert.Equal(TimeSpan.FromMinutes(2), first.SyncInterval);
        Assert.Null(first.LastSync);
        Assert.Null(first.LastSyncError);
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromMinutes(1), first.ReceivedAt);
        Assert.Equal(SyncOutcomeStatus.Succeeded, second.Status);
        Assert.Equal((1L, TimeSpan.FromMinutes(1)), (latest!.OutboxDepth, latest.OldestUnsentAge));
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromMinutes(1), latest.LastSync);
        var row = Assert.Single((await Board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery())).Rows);
        Assert.Equal((TerminalHealth.Green, "35"), (row.Health, row.TargetVersion));
    }

    [Fact]
    public async Task SyncNowAsync_VersionRefused_RedWithTheReasonAndGreenOnceFixed()
    {
        var old = await TerminalAsync("till-01", "33.5");

        await old.GetRequiredService<ISyncAgent>().SyncNowAsync();
        var refused = Assert.Single((await Board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery())).Rows);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var updated = await TerminalAsync("till-01", "35.0");
        var fixedOutcome = await updated.GetRequiredService<ISyncAgent>().SyncNowAsync();
        var green = Assert.Single((await Board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery())).Rows);

        Assert.Equal(TerminalHealth.Red, refused.Health);
        Assert.Contains("version 34 and later", refused.Status.LastSyncError, StringComparison.Ordinal);
        var error = Assert.Single((await Board.GetSyncErrorsAsync(StatusBoardAccess.To(["ACME"]), new SyncErrorQuery { TerminalId = "till-01", Organization = "ACME" })).Errors);
        Assert.Equal(refused.Status.LastSyncError, error.Error);
        Assert.Equal(SyncOutcomeStatus.Succeeded, fixedOutcome.Status);
        Assert.Equal((TerminalHealth.Green, "35.0", (string?)null), (green.Health, green.Status.ApplicationVersion, green.Status.LastSyncError));
    }

    [Fact]
    public async Task SyncNowAsync_AfterAnUnreachableBackOffice_ErrorKeptInTheHistoryAndNotRedOnceThrough()
    {
        var transport = new SwitchableTransport();
        var terminal = await TerminalAsync("till-02", "35.0", transport);
        transport.Inner = terminal.GetServices<ISyncTransport>().First();
        var agent = terminal.GetRequiredService<ISyncAgent>();

        await agent.SyncNowAsync();
        transport.Down = true;
        var failed = await agent.SyncNowAsync();
        transport.Down = false;
        _clock.Advance(TimeSpan.FromMinutes(1));
        await agent.SyncNowAsync();
        var afterRecovery = Assert.Single((await Board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery())).Rows);
        var errors = (await Board.GetSyncErrorsAsync(StatusBoardAccess.To(["ACME"]), new SyncErrorQuery { TerminalId = "till-02", Organization = "ACME" })).Errors;
        _clock.Advance(TimeSpan.FromMinutes(6) + TimeSpan.FromTicks(1));
        var silent = Assert.Single((await Board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery())).Rows);

        Assert.Equal(SyncOutcomeStatus.Unreachable, failed.Status);
        // The exchange that went through carried the previous one's error: kept in the history, not on the board.
        Assert.Equal((TerminalHealth.Green, (string?)null), (afterRecovery.Health, afterRecovery.Status.LastSyncError));
        Assert.Contains("could not be reached: line cut", Assert.Single(errors).Error, StringComparison.Ordinal);
        Assert.Equal(TerminalHealth.Grey, silent.Health); // 2-minute interval × 3
    }

    [Fact]
    public async Task SyncNowAsync_ImportFailsAtEverySync_RedWithTheErrorUntilASyncCompletesCleanly()
    {
        var importer = new BreakableImporter { Broken = true };
        var terminal = await TerminalAsync("till-03", "35.0", importer: importer);
        var agent = terminal.GetRequiredService<ISyncAgent>();
        var health = new List<(TerminalHealth Health, string? Error)>();

        async Task SyncAsync()
        {
            _clock.Advance(TimeSpan.FromMinutes(2));
            await agent.SyncNowAsync();
            var row = Assert.Single((await Board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery())).Rows);
            health.Add((row.Health, row.Status.LastSyncError));
        }

        await SyncAsync(); // fails; its heartbeat carries nothing yet
        await SyncAsync(); // fails again; carries the first failure
        await SyncAsync(); // and again
        var failed = agent.LastOutcome;
        importer.Broken = false;
        await SyncAsync(); // clean; carries the third failure, then says it completed cleanly
        await SyncAsync(); // carries no error
        var errors = (await Board.GetSyncErrorsAsync(StatusBoardAccess.To(["ACME"]), new SyncErrorQuery { TerminalId = "till-03", Organization = "ACME" })).Errors;

        Assert.Equal(SyncOutcomeStatus.Failed, failed!.Status);
        Assert.Equal(TerminalHealth.Green, health[0].Health);
        Assert.All(health[1..3], h => Assert.Equal(TerminalHealth.Red, h.Health));
        Assert.All(health[1..3], h => Assert.Contains("could not be imported: disk full", h.Error, StringComparison.Ordinal));
        // Green right after the recovering sync, not one sync later.
        Assert.Equal((TerminalHealth.Green, (string?)null), health[3]);
        Assert.Equal((TerminalHealth.Green, (string?)null), health[4]);
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public async Task SyncNowAsync_UnreachableAfterFailedImports_GreenOnceAnExchangeGoesThrough()
    {
        var importer = new BreakableImporter { Broken = true };
        var transport = new SwitchableTransport();
        var terminal = await TerminalAsync("till-04", "35.0", transport, importer);
        transport.Inner = terminal.GetServices<ISyncTransport>().First();
        var agent = terminal.GetRequiredService<ISyncAgent>();

        await agent.SyncNowAsync();
        await agent.SyncNowAsync();
        var red = Assert.Single((await Board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery())).Rows);
        importer.Broken = false;
        transport.Down = true;
        var unreachable = await agent.SyncNowAsync();
        transport.Down = false;
        _clock.Advance(TimeSpan.FromMinutes(1));
        var through = await agent.SyncNowAsync();
        var green = Assert.Single((await Board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery())).Rows);

        Assert.Equal(TerminalHealth.Red, red.Health);
        Assert.Equal((SyncOutcomeStatus.Unreachable, SyncOutcomeStatus.Succeeded), (unreachable.Status, through.Status));
        Assert.False(transport.LastRequest!.Heartbeat.LastErrorAfterExchange);
        Assert.Contains("could not be reached: line cut", transport.LastRequest.Heartbeat.LastError, StringComparison.Ordinal);
        Assert.Equal((TerminalHealth.Green, (string?)null), (green.Health, green.Status.LastSyncError));
    }

    [Fact]
    public async Task SyncNowAsync_RecoveringFromAFailedImport_GreenWhenTheSyncReturnsOneHistoryEntryAndOneExtraExchange()
    {
        var importer = new BreakableImporter { Broken = true };
        var transport = new SwitchableTransport();
        var terminal = await TerminalAsync("till-05", "35.0", transport, importer);
        transport.Inner = terminal.GetServices<ISyncTransport>().First();
        var agent = terminal.GetRequiredService<ISyncAgent>();
        await agent.SyncNowAsync();
        importer.Broken = false;
        _clock.Advance(TimeSpan.FromMinutes(2));

        var recovering = await agent.SyncNowAsync();
        var row = Assert.Single((await Board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery())).Rows);
        var errors = (await Board.GetSyncErrorsAsync(StatusBoardAccess.To(["ACME"]), new SyncErrorQuery { TerminalId = "till-05", Organization = "ACME" })).Errors;

        Assert.Equal(SyncOutcomeStatus.Succeeded, recovering.Status);
        // The exchange that carried the import failure, then one without a batch saying the sync completed cleanly: past
        // MaxExchangesPerSync, which this terminal sets to 1, so the board is green when the sync returns.
        Assert.Equal(2, recovering.Exchanges);
        Assert.Null(transport.LastRequest!.Heartbeat.LastError);
        Assert.Empty(transport.LastRequest.Outbox);
        Assert.Equal((TerminalHealth.Green, (string?)null), (row.Health, row.Status.LastSyncError));
        Assert.Contains("could not be imported: disk full", Assert.Single(errors).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)] // the back office was unreachable
    [InlineData(true)]  // the import failed after the exchange
    public async Task SyncNowAsync_RecoverySyncOfSeveralExchanges_TheFailureJoinsTheHistoryOnceAndTheBoardIsGreen(bool afterExchange)
    {
        var importer = new BreakableImporter { Broken = afterExchange };
        var transport = new SwitchableTransport();
        var terminal = await TerminalAsync("till-06", "35.0", transport, importer, maxExchangesPerSync: 10);
        transport.Inner = terminal.GetServices<ISyncTransport>().First();
        var agent = terminal.GetRequiredService<ISyncAgent>();
        var outbox = terminal.GetRequiredService<IOutbox>();
        transport.Down = !afterExchange;
        var failed = await agent.SyncNowAsync();
        (transport.Down, importer.Broken) = (false, false);
        for (var i = 0; i < 4; i++)
        {
            await outbox.EnqueueAsync(Ticket(i, _clock), default);
        }

        _clock.Advance(TimeSpan.FromMinutes(2));
        var recovering = await agent.SyncNowAsync();
        var row = Assert.Single((await Board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery())).Rows);
        var errors = (await Board.GetSyncErrorsAsync(StatusBoardAccess.To(["ACME"]), new SyncErrorQuery { TerminalId = "till-06", Organization = "ACME" })).Errors;

        Assert.NotEqual(SyncOutcomeStatus.Succeeded, failed.Status);
        Assert.Equal((SyncOutcomeStatus.Succeeded, 4), (recovering.Status, recovering.Acknowledged));
        Assert.Equal(4, recovering.Exchanges);                         // one ticket a batch
        Assert.Equal((TerminalHealth.Green, (string?)null), (row.Health, row.Status.LastSyncError));
        Assert.Equal(failed.Error, Assert.Single(errors).Error);
    }

    [Fact]
    public async Task RecordAsync_RefusedExchangeCarryingAnEarlierError_EachOnceInTheHistoryRedWithTheRefusal()
    {
        var recorder = _backOffice.GetRequiredService<TerminalStatusRecorder>();
        var request = new SyncRequest
        {
            TerminalId = "till-07",
            Heartbeat = new SyncHeartbeat { ApplicationVersion = "33.0", LastError = "The back office could not be reached: line cut" },
        };

        await recorder.RecordAsync(new TerminalIdentity("till-07", "ACME"), request, "Only terminals of version 34 and later are accepted", default);
        var row = Assert.Single((await Board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery())).Rows);
        var errors = (await Board.GetSyncErrorsAsync(StatusBoardAccess.To(["ACME"]), new SyncErrorQuery { TerminalId = "till-07", Organization = "ACME" })).Errors;

        Assert.Equal((TerminalHealth.Red, "Only terminals of version 34 and later are accepted"), (row.Health, row.Status.LastSyncError));
        Assert.Equal(["Only terminals of version 34 and later are accepted", "The back office could not be reached: line cut"], errors.Select(e => e.Error));
    }

    private sealed class EmptyBatches : IChangeExporter
    {
        public ValueTask<ChangeBatch> ExportAsync(string organization, string? terminalId, long checkpoint, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new ChangeBatch { Organization = organization, FromCheckpoint = checkpoint, Checkpoint = checkpoint });

        public ValueTask<IReadOnlyList<TerminalRowAssignment>> ListAssignmentsAsync(string organization, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<TerminalRowAssignment>>([]);
    }

    /// <summary>A terminal's import that fails while <see cref="Broken"/>, as a full disk would, after the exchange went through.</summary>
    private sealed class BreakableImporter : IChangeImporter
    {
        public bool Broken { get; set; }

        public ValueTask<long> GetCheckpointAsync(string organization, CancellationToken cancellationToken) => ValueTask.FromResult(0L);

        public ValueTask<ChangeImportResult> ImportAsync(ChangeBatch batch, CancellationToken cancellationToken) =>
            Broken ? throw new IOException("disk full") : ValueTask.FromResult(new ChangeImportResult { Checkpoint = batch.Checkpoint });
    }

    private sealed class Tickets : PosFleet.Sync.Inbox.IOutboxMessageHandler
    {
        public ValueTask HandleAsync(PosFleet.Sync.Inbox.OutboxMessageContext context, OutboxMessage message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class SwitchableTransport : ISyncTransport
    {
        public ISyncTransport? Inner { get; set; }

        public bool Down { get; set; }

        public SyncRequest? LastRequest { get; private set; }

        public Task<SyncResponse> ExchangeAsync(SyncRequest request, CancellationToken cancellationToken)
        {
            LastRequest = request;
            return Down ? throw new HttpRequestException("line cut") : Inner!.ExchangeAsync(request, cancellationToken);
        }
    }
}
