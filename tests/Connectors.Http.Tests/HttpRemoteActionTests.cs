using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;
using PosFleet.Actions.Terminal;
using PosFleet.Connectors.Sqlite;
using PosFleet.Diagnostics;
using PosFleet.Sync.Agent;
using PosFleet.Tests;

namespace PosFleet.Connectors.Http.Tests;

/// <summary>
/// Remote actions end to end over HTTP on loopback, both sides on SQLite files: the back office's MapPosFleetSync on
/// Kestrel, a terminal with the HTTP transport, its journal and the built-in retrieve-logs.
/// </summary>
public sealed class HttpRemoteActionTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    // Both sides read this clock: an action's expiry and every recorded instant follow from Start, not from the machine's.
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly TempDirectory _files = new();
    private readonly TempDirectory _logs = new();
    private SyncBackOfficeServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await SyncBackOfficeServer.StartAsync(storage: f => f.WithClock(_clock).UseSqliteStorageFile(Path.Combine(_files.Path, "backoffice.db")).AddActionsBackOffice());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    // After DisposeAsync: the server has closed the files.
    public void Dispose()
    {
        _files.Dispose();
        _logs.Dispose();
    }

    private IRemoteActionQueue Queue => _server.Services.GetRequiredService<IRemoteActionQueue>();

    private async Task<TestTerminal> TerminalAsync(LoseResponsesHandler.State? lose = null)
    {
        var enrolment = await _server.EnrolAsync("till-01");
        return TestTerminal.Create(_server.SyncUri, "till-01", enrolment.Credential,
            http: o => o.MaxRetryAttempts = 0,
            client: lose is null ? null : c => c.AddHttpMessageHandler(() => new LoseResponsesHandler(lose)),
            storage: f => f.UseSqliteStorageFile(Path.Combine(_files.Path, "till.db"))
                .WithClock(_clock)
                .AddActionsAgent(o =>
                {
                    o.EnableBackground = false;
                    o.RetryDelay = TimeSpan.Zero;
                    o.WorkDirectory = Path.Combine(_files.Path, "work");
                    o.LogPaths.Add(_logs.Path);
                    o.UploadChunkBytes = 4096;
                })
                .AddActionHandler("clear-cache", new ClearCache()));
    }

    [Fact]
    public async Task SyncNowAsync_ReportOnAnActionTheBackOfficeDoesNotHold_AcknowledgedLeavesTheJournalAndSaysWhy()
    {
        await using var till = await TerminalAsync();
        var journal = till.Services.GetRequiredService<IRemoteActionJournal>();
        var own = (await Queue.QueueAsync(new RemoteActionRequest { Organization = "ACME", TerminalId = "till-01", Name = "clear-cache" })).Single().Action;
        // An action the back office no longer holds (restored from a copy older than the delivery): the terminal ran it
        // and holds its outcome, which the back office can never record.
        var lost = Guid.CreateVersion7();
        var now = _clock.GetUtcNow();
        await journal.ReceiveAsync(new RemoteActionDelivery { Id = lost, Name = "clear-cache", ExpiresAt = now.AddDays(1), Timeout = TimeSpan.FromMinutes(1), MaxAttempts = 1 }, now, default);
        await till.Services.GetRequiredService<IRemoteActionRunner>().RunPendingAsync();
        var held = (await journal.PeekReportsAsync(10, default)).Count(r => r.ActionId == lost); // Running, then Succeeded
        Assert.Equal(2, held);

        using var refusedReports = new MetricCollector<long>(null, PosFleetTelemetry.MeterName, "posfleet.action.reports_refused");

        var first = await till.Agent.SyncNowAsync();
        var waiting = await journal.PeekReportsAsync(10, default);
        await till.Services.GetRequiredService<IRemoteActionRunner>().RunPendingAsync();
        var second = await till.Agent.SyncNowAsync();

        Assert.Equal((SyncOutcomeStatus.Succeeded, SyncOutcomeStatus.Succeeded), (first.Status, second.Status));
        Assert.DoesNotContain(waiting, r => r.ActionId == lost);
        Assert.Empty(await journal.PeekReportsAsync(10, default));
        var reason = $"the back office has no action {lost:N} for this terminal";
        // One warning a refused report on each side, and none again at the second sync.
        Assert.Equal(held, till.Logs.GetSnapshot().Count(r => r.Level == LogLevel.Warning && r.Message.Contains(reason, StringComparison.Ordinal)));
        Assert.Equal(held, _server.Logs.GetSnapshot().Count(r => r.Level == LogLevel.Warning && r.Message.Contains(reason, StringComparison.Ordinal)));
        // Each refused report counted once: the second sync sends none of them again.
        Assert.Equal(held, refusedReports.GetMeasurementSnapshot().Sum(m => m.Value));
        // The terminal's real action went its way: delivered, run, recorded once; nothing was written for the other.
        var stored = await Queue.GetAsync("ACME", own.Id);
        Assert.Equal(RemoteActionState.Succeeded, stored!.State);
        Assert.Equal([RemoteActionState.Pending, RemoteActionState.Delivered, RemoteActionState.Running, RemoteActionState.Succeeded], stored.History.Select(h => h.State));
        Assert.Null(await Queue.GetAsync("ACME", lost));
    }

    [Fact]
    public async Task SyncNowAsync_RetrieveLogsCutMidUpload_ResumedAtTheNextSyncSameBytesAndNoCardNumber()
    {
        var pans = WriteLogs();
        // One exchange delivers the action; in the next sync the first two chunks go through and the response to the
        // third is cut after the back office stored it: the sync fails there, mid-upload.
        var lose = new LoseResponsesHandler.State(toLose: 1, toPass: 3);
        await using var till = await TerminalAsync(lose);
        var journal = till.Services.GetRequiredService<IRemoteActionJournal>();
        var action = (await Queue.QueueAsync(new RemoteActionRequest
        {
            Organization = "ACME",
            TerminalId = "till-01",
            Name = RemoteActionNames.RetrieveLogs,
            Parameters = new Dictionary<string, string> { ["from"] = "2026-11-20T00:00:00Z", ["to"] = "2026-11-21T00:00:00Z", ["max-bytes"] = "200000" },
        })).Single().Action;

        Assert.Equal(SyncOutcomeStatus.Succeeded, (await till.Agent.SyncNowAsync()).Status);
        await till.Services.GetRequiredService<IRemoteActionRunner>().RunPendingAsync();
        var entry = Assert.Single(await journal.ListAsync(RemoteActionEntryState.Uploading, default));
        var archive = await File.ReadAllBytesAsync(entry.UploadPath!);
        Assert.True(archive.Length > 4 * 4096, $"The archive is {archive.Length} bytes: too small for a cut mid-upload.");

        var cut = await till.Agent.SyncNowAsync();
        var during = await Queue.GetAsync("ACME", action.Id);
        var resumed = await till.Agent.SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Unreachable, cut.Status);
        Assert.Equal(1, lose.Lost);
        Assert.Equal(RemoteActionState.Running, during!.State);
        Assert.Equal(3 * 4096, during.UploadedBytes);                 // the chunk whose response was lost was stored
        Assert.Equal(SyncOutcomeStatus.Succeeded, resumed.Status);
        var done = await Queue.GetAsync("ACME", action.Id);
        Assert.Equal(RemoteActionState.Succeeded, done!.State);
        Assert.Equal([RemoteActionState.Pending, RemoteActionState.Delivered, RemoteActionState.Running, RemoteActionState.Succeeded], done.History.Select(h => h.State));
        using var stored = new MemoryStream();
        Assert.Equal(archive.Length, await Queue.DownloadAsync("ACME", action.Id, stored));
        Assert.Equal(archive, stored.ToArray());
        var text = Unpack(archive);
        Assert.Contains("approved card", text, StringComparison.Ordinal);
        Assert.Empty(LuhnPans.Find(text));
        Assert.All(pans, pan => Assert.DoesNotContain(pan, text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.Empty(await journal.ListAsync(RemoteActionEntryState.Uploading, default));
        Assert.Empty(await journal.PeekReportsAsync(10, default));
    }

    /// <summary>A day of log lines that hardly compress, one in ten with a real-looking card number; returns the numbers.</summary>
    private List<string> WriteLogs()
    {
        var random = new Random(13);
        var pans = new List<string>();
        var text = new StringBuilder();
        for (var i = 0; i < 3_000; i++)
        {
            text.Append(Start.AddSeconds(i * 20).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append(" INFO till-01 ");
            if (i % 10 == 0)
            {
                var pan = LuhnPans.Next(random, 16);
                pans.Add(pan);
                text.Append("approved card ").Append(LuhnPans.Format(pan, i % 4)).Append(" amount ").Append(random.Next(100, 9999));
            }
            else
            {
                // Base64, not hex: a hex run of 13 digits or more passing the Luhn check by chance would read as a card number.
                text.Append("trace ").Append(Convert.ToBase64String(BitConverter.GetBytes(random.NextInt64())));
            }

            text.Append('\n');
        }

        File.WriteAllText(Path.Combine(_logs.Path, "till.log"), text.ToString());
        return pans;
    }

    private static string Unpack(byte[] archive)
    {
        using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private sealed class ClearCache : IRemoteActionHandler
    {
        public ValueTask<RemoteActionOutcome> RunAsync(RemoteActionContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(RemoteActionOutcome.Succeeded("cache cleared"));
    }
}
