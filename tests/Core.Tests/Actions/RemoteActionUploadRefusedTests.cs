using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;
using PosFleet.Actions.Terminal;

namespace PosFleet.Tests.Actions;

/// <summary>
/// An upload the back office refuses (past its upload limit, or for an action it expired meanwhile) is answered, so the
/// terminal stops sending it and its later uploads go through; and the limits are checked where a user sets them.
/// </summary>
public sealed class RemoteActionUploadRefusedTests : IAsyncDisposable
{
    private const long MaxUploadBytes = 20_000;
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private readonly ActionsFleet _fleet;
    private readonly TempDirectory _logs = new();

    public RemoteActionUploadRefusedTests()
    {
        _fleet = new ActionsFleet(_clock, o => o.MaxUploadBytes = MaxUploadBytes);
        WriteLogs();
    }

    public async ValueTask DisposeAsync()
    {
        await _fleet.DisposeAsync();
        _logs.Dispose();
    }

    /// <summary>A day of log lines that hardly compress, so that the archive fills whatever maximum it is given.</summary>
    private void WriteLogs()
    {
        var random = new Random(11);
        var text = new StringBuilder();
        for (var i = 0; i < 8_000; i++)
        {
            text.Append(Start.AddSeconds(i * 10).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture))
                .Append(" INFO till-01 trace ").Append(Convert.ToHexString(BitConverter.GetBytes(random.NextInt64()))).Append(random.Next()).Append('\n');
        }

        File.WriteAllText(Path.Combine(_logs.Path, "till.log"), text.ToString());
    }

    private static Dictionary<string, string> Period(long maxBytes) =>
        new() { ["from"] = "2026-11-20T00:00:00Z", ["to"] = "2026-11-21T00:00:00Z", ["max-bytes"] = maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private Task<ServiceProvider> TerminalAsync() =>
        _fleet.TerminalAsync("till-01", configure: o =>
        {
            o.LogPaths.Add(_logs.Path);
            o.UploadChunkBytes = 4096;
        });

    [Fact]
    public async Task Exchange_ArchivePastTheUploadLimit_FailedUploadRefusedAndTheNextRetrieveLogsUploads()
    {
        var terminal = await TerminalAsync();
        // Queued before the back office's limit was lowered: the store takes it as it is.
        var now = _clock.GetUtcNow();
        var big = (await _fleet.BackOffice.GetRequiredService<IRemoteActionStore>().AddAsync(
            new RemoteAction
            {
                Id = Guid.CreateVersion7(now),
                Organization = "ACME",
                TerminalId = "till-01",
                Name = RemoteActionNames.RetrieveLogs,
                Parameters = Period(100_000),
                State = RemoteActionState.Pending,
                CreatedAt = now,
                ExpiresAt = now.AddDays(1),
                Timeout = TimeSpan.FromMinutes(5),
                MaxAttempts = 3,
            },
            default)).Action;

        await terminal.SyncAsync();
        await terminal.RunActionsAsync();
        await terminal.SyncAsync();
        var refused = await _fleet.Queue.GetAsync("ACME", big.Id);
        var journal = terminal.GetRequiredService<IRemoteActionJournal>();
        var uploading = await journal.ListAsync(RemoteActionEntryState.Uploading, default);
        var waiting = await journal.PeekReportsAsync(10, default);

        var small = Assert.Single(await _fleet.Queue.QueueAsync(new RemoteActionRequest
        {
            Organization = "ACME",
            TerminalId = "till-01",
            Name = RemoteActionNames.RetrieveLogs,
            Parameters = Period(MaxUploadBytes),
        })).Action;
        await terminal.SyncAsync();
        await terminal.RunActionsAsync();
        await terminal.SyncAsync();
        var uploaded = await _fleet.Queue.GetAsync("ACME", small.Id);
        using var archive = new MemoryStream();
        var size = await _fleet.Queue.DownloadAsync("ACME", small.Id, archive);

        Assert.Equal(RemoteActionState.Failed, refused!.State);
        Assert.StartsWith("upload refused: the file of ", refused.Detail, StringComparison.Ordinal);
        Assert.Contains("limit of 20000 bytes (RemoteActionOptions.MaxUploadBytes)", refused.Detail, StringComparison.Ordinal);
        Assert.Equal([RemoteActionState.Pending, RemoteActionState.Delivered, RemoteActionState.Running, RemoteActionState.Failed], refused.History.Select(h => h.State));
        Assert.Null(refused.UploadedBytes);
        Assert.Empty(uploading);
        Assert.Empty(waiting);
        Assert.Equal(-1, await _fleet.Queue.DownloadAsync("ACME", big.Id, Stream.Null));
        Assert.Equal(RemoteActionState.Succeeded, uploaded!.State);
        Assert.InRange(size, 4096, MaxUploadBytes);
        Assert.Equal(size, uploaded.UploadedBytes);
    }

    [Fact]
    public async Task Exchange_ActionExpiredWhileTheTerminalRanItOffline_ChunkAcknowledgedActionStaysExpired()
    {
        var terminal = await TerminalAsync();
        var action = Assert.Single(await _fleet.Queue.QueueAsync(new RemoteActionRequest
        {
            Organization = "ACME",
            TerminalId = "till-01",
            Name = RemoteActionNames.RetrieveLogs,
            Parameters = Period(MaxUploadBytes),
            TimeToLive = TimeSpan.FromHours(1),
        })).Action;
        await terminal.SyncAsync();
        await terminal.RunActionsAsync();
        _clock.Advance(TimeSpan.FromHours(2));
        await _fleet.BackOffice.GetRequiredService<IRemoteActionStore>().ExpireAsync(_clock.GetUtcNow(), default);
        var expired = await _fleet.Queue.GetAsync("ACME", action.Id);

        await terminal.SyncAsync();
        var after = await _fleet.Queue.GetAsync("ACME", action.Id);
        var journal = terminal.GetRequiredService<IRemoteActionJournal>();

        Assert.Equal(RemoteActionState.Expired, after!.State);
        Assert.Equal(expired!.History, after.History);
        Assert.Null(after.UploadedBytes);
        Assert.Empty(await journal.ListAsync(RemoteActionEntryState.Uploading, default));
        Assert.Empty(await journal.PeekReportsAsync(10, default));
    }

    [Fact]
    public async Task QueueAsync_RetrieveLogsMaxBytesPastTheUploadLimit_ThrowsNamingBoth()
    {
        await TerminalAsync();
        var asked = await Assert.ThrowsAsync<ArgumentException>(() => _fleet.Queue.QueueAsync(new RemoteActionRequest
        {
            Organization = "ACME",
            TerminalId = "till-01",
            Name = RemoteActionNames.RetrieveLogs,
            Parameters = Period(MaxUploadBytes + 1),
        }));
        var byDefault = await Assert.ThrowsAsync<ArgumentException>(() => _fleet.Queue.QueueAsync(new RemoteActionRequest
        {
            Organization = "ACME",
            TerminalId = "till-01",
            Name = RemoteActionNames.RetrieveLogs,
        }));

        Assert.Contains("max-bytes (20001 bytes)", asked.Message, StringComparison.Ordinal);
        Assert.Contains("RemoteActionOptions.MaxUploadBytes, 20000 bytes", asked.Message, StringComparison.Ordinal);
        Assert.Contains("the default max-bytes (10000000 bytes)", byDefault.Message, StringComparison.Ordinal);
        Assert.Empty((await _fleet.Queue.ListAsync(new RemoteActionQuery { Organization = "ACME" })).Actions);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(RemoteActionQuery.MaxLimit + 1)]
    [InlineData(int.MaxValue)]
    public async Task ListAsync_LimitOutOfRange_Throws(int limit)
    {
        // The stores' own guard is in the conformance suite (RemoteActionStoreConformanceTests.List_LimitOutOfRange_Throws).
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _fleet.Queue.ListAsync(new RemoteActionQuery { Organization = "ACME", Limit = limit }));
        Assert.Empty((await _fleet.Queue.ListAsync(new RemoteActionQuery { Organization = "ACME", Limit = RemoteActionQuery.MaxLimit })).Actions);
    }
}
