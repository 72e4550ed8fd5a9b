using PosFleet.Logs.Ingest;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Logs.Ingest;

/// <summary>A file's identity (inode and birth time, or volume and file index) in its checkpoint tells a replaced file from a grown one.</summary>
public sealed class LogIngesterIdentityTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly InMemoryLogStore _store = new();
    private readonly ILogIngester _ingester;

    public LogIngesterIdentityTests() => _ingester = TestLogs.Ingester(_store);

    private static bool IdentityKnown => OperatingSystem.IsLinux() || OperatingSystem.IsWindows();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task IngestAsync_RenamedAndRecreatedWithSameSizeAndFirstBytes_ReadAsANewFile()
    {
        Assert.True(IdentityKnown, "file identities are read on Linux and Windows");
        var log = _dir.File("till.log", Lines(1, 3));
        await _ingester.IngestAsync([log]);
        var before = await CheckpointAsync(log);
        File.Move(log, log + ".1");
        File.WriteAllText(log, Lines(1, 3)); // same bytes: only the identity differs

        var second = await _ingester.IngestAsync([log]);

        var source = Assert.Single(second.Sources);
        Assert.True(source.Restarted);
        Assert.Equal(3, source.NewEntries);
        var after = await CheckpointAsync(log);
        Assert.Equal(before.Generation + 1, after.Generation);
        Assert.NotEqual(before.Identity, after.Identity);
        Assert.Equal(6, await CountAsync());
    }

    [Fact]
    public async Task IngestAsync_ReRunAfterAppend_KeepsTheIdentityAndReadsOnlyTheNewLines()
    {
        Assert.True(IdentityKnown, "file identities are read on Linux and Windows");
        var log = _dir.File("till.log", Lines(1, 3));
        await _ingester.IngestAsync([log]);
        var first = await CheckpointAsync(log);
        File.AppendAllText(log, Lines(4, 5));

        var second = await TestLogs.Ingester(_store).IngestAsync([log]);

        Assert.False(Assert.Single(second.Sources).Restarted);
        Assert.Equal(2, second.NewEntries);
        var checkpoint = await CheckpointAsync(log);
        Assert.False(string.IsNullOrEmpty(first.Identity));
        Assert.Equal(first.Identity, checkpoint.Identity);
        Assert.Equal(0, checkpoint.Generation);
    }

    [Fact]
    public async Task IngestAsync_CheckpointWithoutIdentity_SizeAndFingerprintDecideAsBefore()
    {
        var log = _dir.File("till.log", Lines(1, 3));
        await _ingester.IngestAsync([log]);
        var stored = await CheckpointAsync(log);
        await _store.AppendAsync(new LogBatch([], stored with { Identity = null }), CancellationToken.None); // as an older version stored it
        File.Move(log, log + ".1");
        File.WriteAllText(log, Lines(1, 3) + Lines(4, 4));

        var second = await _ingester.IngestAsync([log]);

        // Same first bytes and longer: without an identity this looks like growth, as it always did.
        Assert.False(Assert.Single(second.Sources).Restarted);
        Assert.Equal(1, second.NewEntries);
        Assert.Equal(IdentityKnown, (await CheckpointAsync(log)).Identity is not null);
    }

    [Fact]
    public async Task IngestAsync_StoredIdentityDiffersOnlyInWhetherTheBirthTimeIsKnown_ReadsOnlyTheNewLines()
    {
        Assert.True(OperatingSystem.IsLinux(), "Linux identities are an inode and, where known, a birth time");
        var log = _dir.File("till.log", Lines(1, 3));
        await _ingester.IngestAsync([log]);
        var stored = await CheckpointAsync(log);
        var born = stored.Identity!.IndexOf(":born:", StringComparison.Ordinal);
        var sameFile = born < 0 ? stored.Identity + ":born:1763640000.000000000" : stored.Identity[..born];
        await _store.AppendAsync(new LogBatch([], stored with { Identity = sameFile }), CancellationToken.None);
        File.AppendAllText(log, Lines(4, 5));

        var second = await _ingester.IngestAsync([log]);

        Assert.False(Assert.Single(second.Sources).Restarted);
        Assert.Equal((2L, 2L), (second.LinesRead, second.NewEntries));
        Assert.Equal(5, await CountAsync());
        Assert.Equal(stored.Identity, (await CheckpointAsync(log)).Identity);
        Assert.Equal(0, (await CheckpointAsync(log)).Generation);
    }

    [Fact]
    public async Task IngestAsync_CheckpointWithAnOldDeviceAndInodeIdentity_NotReadAgain()
    {
        var log = _dir.File("till.log", Lines(1, 3));
        await _ingester.IngestAsync([log]);
        var stored = await CheckpointAsync(log);
        // As the previous format stored it, with a device that has changed since (a remount): not recognised, unknown.
        await _store.AppendAsync(new LogBatch([], stored with { Identity = "2049:7:12345" }), CancellationToken.None);
        File.AppendAllText(log, Lines(4, 4));

        var second = await _ingester.IngestAsync([log]);

        Assert.False(Assert.Single(second.Sources).Restarted);
        Assert.Equal((1L, 1L), (second.LinesRead, second.NewEntries));
        Assert.Equal(4, await CountAsync());
        var after = await CheckpointAsync(log);
        Assert.Equal(0, after.Generation);
        Assert.Equal(stored.Identity, after.Identity); // the current format from now on
    }

    private static string Lines(int first, int last) => string.Concat(Enumerable.Range(first, last - first + 1).Select(i =>
        $"2026-11-20T10:00:{i % 60:00}.000Z [INFO] term=POS-0001 org=ACME tickets: ticket closed ref=T-{i}\n"));

    private async Task<IngestCheckpoint> CheckpointAsync(string log) => (await _store.GetCheckpointAsync(log, CancellationToken.None))!;

    private async Task<long> CountAsync() => (await _store.CountAsync(new LogQuery(), CancellationToken.None)).Sum(b => b.Count);
}
