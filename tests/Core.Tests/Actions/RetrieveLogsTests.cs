using System.IO.Compression;
using System.Text;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;

namespace PosFleet.Tests.Actions;

/// <summary>retrieve-logs end to end: the period's lines, PANs masked, cut to the maximum keeping the newest, uploaded in chunks, downloaded whole.</summary>
public sealed class RetrieveLogsTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private readonly ActionsFleet _fleet;
    private readonly TempDirectory _logs = new();

    public RetrieveLogsTests() => _fleet = new ActionsFleet(_clock);

    public async ValueTask DisposeAsync()
    {
        await _fleet.DisposeAsync();
        _logs.Dispose();
    }

    /// <summary>Writes a day of log lines (one every 2 seconds), a card number in every fifth, in two files; returns the PANs written.</summary>
    private List<string> WriteLogs()
    {
        var random = new Random(7);
        var pans = new List<string>();
        for (var file = 0; file < 2; file++)
        {
            var text = new StringBuilder();
            for (var i = 0; i < 21_600; i++)
            {
                var at = Start.AddHours(file * 12).AddSeconds(i * 2);
                var line = $"{at:yyyy-MM-ddTHH:mm:ss.fffZ} INFO till-01 sale {i} total {random.Next(100, 9999) / 100.0:0.00}";
                if (i % 5 == 0)
                {
                    var pan = LuhnPans.Next(random, 13 + (i % 7));
                    pans.Add(pan);
                    line += $" card {LuhnPans.Format(pan, i % 4)} approved";
                }

                text.Append(line).Append('\n');
                if (i % 1000 == 0)
                {
                    text.Append("    at Till.Payment.Authorize() continuation line\n");
                }
            }

            var path = Path.Combine(_logs.Path, $"till-{file}.log");
            File.WriteAllText(path, text.ToString());
            File.SetLastWriteTimeUtc(path, Start.AddHours(12 * (file + 1)).UtcDateTime);
        }

        return pans;
    }

    [Fact]
    public async Task RetrieveLogs_PeriodPastTheMaximum_NewestKeptPansMaskedUploadedInChunks()
    {
        var pans = WriteLogs();
        var terminal = await _fleet.TerminalAsync("till-01", configure: o =>
        {
            o.LogPaths.Add(_logs.Path);
            o.UploadChunkBytes = 16 * 1024;
        });
        var action = (await _fleet.Queue.QueueAsync(new RemoteActionRequest
        {
            Organization = "ACME",
            TerminalId = "till-01",
            Name = RemoteActionNames.RetrieveLogs,
            Parameters = new Dictionary<string, string> { ["from"] = "2026-11-20T06:00:00Z", ["to"] = "2026-11-21T00:00:00Z", ["max-bytes"] = "100000" },
        })).Single().Action;

        await terminal.SyncAsync();
        await terminal.RunActionsAsync();
        var sync = await terminal.SyncAsync();
        var done = await _fleet.Queue.GetAsync("ACME", action.Id);
        using var archive = new MemoryStream();
        var size = await _fleet.Queue.DownloadAsync("ACME", action.Id, archive);
        archive.Position = 0;
        using var gzip = new GZipStream(archive, CompressionMode.Decompress);
        var text = await new StreamReader(gzip).ReadToEndAsync();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(RemoteActionState.Succeeded, done!.State);
        Assert.True(sync.Exchanges > 3, $"uploaded in {sync.Exchanges} exchanges");
        Assert.InRange(size, 50_000, 100_000);
        Assert.Equal(size, done.UploadedBytes);
        Assert.Contains("cut: kept the newest", done.Detail, StringComparison.Ordinal);
        Assert.StartsWith("# posfleet retrieve-logs:", lines[0], StringComparison.Ordinal);
        Assert.Contains("the newest", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("2026-11-20T23:59:58", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines.Skip(1), l => !l.StartsWith("2026-11-20T", StringComparison.Ordinal) && !l.StartsWith("    at ", StringComparison.Ordinal));
        Assert.Empty(LuhnPans.Find(text));
        Assert.DoesNotContain(pans, p => text.Contains(p, StringComparison.Ordinal));
        Assert.Contains("card ****", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetrieveLogs_PeriodWithinTheMaximum_WholeAndSaysSo()
    {
        WriteLogs();
        var terminal = await _fleet.TerminalAsync("till-01", configure: o => o.LogPaths.Add(_logs.Path));
        var action = (await _fleet.Queue.QueueAsync(new RemoteActionRequest
        {
            Organization = "ACME",
            TerminalId = "till-01",
            Name = RemoteActionNames.RetrieveLogs,
            Parameters = new Dictionary<string, string> { ["from"] = "2026-11-20T10:00:00Z", ["to"] = "2026-11-20T10:10:00Z" },
        })).Single().Action;

        await terminal.SyncAsync();
        await terminal.RunActionsAsync();
        await terminal.SyncAsync();

        var done = await _fleet.Queue.GetAsync("ACME", action.Id);
        using var archive = new MemoryStream();
        await _fleet.Queue.DownloadAsync("ACME", action.Id, archive);
        archive.Position = 0;
        var text = await new StreamReader(new GZipStream(archive, CompressionMode.Decompress)).ReadToEndAsync();
        Assert.StartsWith("301 log line(s)", done!.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("cut", done.Detail, StringComparison.Ordinal);
        Assert.Contains("complete.", text, StringComparison.Ordinal);
        Assert.Equal(302, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task RetrieveLogs_NoLogFilesConfigured_Rejected()
    {
        var terminal = await _fleet.TerminalAsync("till-01");
        var action = (await _fleet.Queue.QueueAsync(new RemoteActionRequest { Organization = "ACME", TerminalId = "till-01", Name = RemoteActionNames.RetrieveLogs })).Single().Action;

        await terminal.SyncAsync();
        await terminal.RunActionsAsync();
        await terminal.SyncAsync();

        var done = await _fleet.Queue.GetAsync("ACME", action.Id);
        Assert.Equal(RemoteActionState.Rejected, done!.State);
        Assert.Contains("LogPaths", done.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetDatabase_OutboxHoldsUnsentMessages_RejectedWithTheReason()
    {
        var terminal = await _fleet.TerminalAsync("till-01");
        var outbox = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PosFleet.Sync.Outbox.IOutbox>(terminal);
        var action = (await _fleet.Queue.QueueAsync(new RemoteActionRequest { Organization = "ACME", TerminalId = "till-01", Name = RemoteActionNames.ResetDatabase })).Single().Action;
        await terminal.SyncAsync();
        using (var payload = System.Text.Json.JsonDocument.Parse("""{"ticket":1}"""))
        {
            await outbox.EnqueueAsync(PosFleet.Sync.Outbox.OutboxMessage.Create("ticket", payload.RootElement, _clock), default);
        }

        await terminal.RunActionsAsync();
        var done = await _fleet.Queue.GetAsync("ACME", action.Id);
        Assert.Equal(RemoteActionState.Delivered, done!.State);
        var reports = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PosFleet.Actions.Terminal.IRemoteActionJournal>(terminal).PeekReportsAsync(10, default);
        Assert.Equal(RemoteActionState.Rejected, reports[^1].State);
        Assert.Contains("outbox still holds 1 unsent message", reports[^1].Detail, StringComparison.Ordinal);
    }
}
