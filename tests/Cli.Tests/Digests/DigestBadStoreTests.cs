using System.Globalization;
using System.Security.Cryptography;
using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Digests;

/// <summary>
/// A store with damaged pages that only <c>PRAGMA quick_check</c> finds: the digest commands that write refuse it with
/// one line naming the file and exit code 5 (README), and leave it byte for byte as it was; the ones that read do not
/// pay for reading the whole file.
/// </summary>
public sealed class DigestBadStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "fleet.db");

    public static TheoryData<string> WritingCommands => ["add", "remove", "run"];

    [Theory]
    [MemberData(nameof(WritingCommands))]
    public async Task Digest_WritingCommandOnDamagedPages_ExitCode5OneLineNamingTheFileAndFileUnchanged(string command)
    {
        await StoreWithDamagedPagesAsync();
        var before = Hash(Db);
        string[] args = command switch
        {
            "add" => ["digest", "add", "--store", Db, "--name", "night", "--recipients", "ops@example.com"],
            "remove" => ["digest", "remove", "--store", Db, "--name", "ops"],
            _ => ["digest", "run", "--store", Db, "--subscription", "ops", "--now", "--as-of", "2026-11-20T12:00:00Z", "--pickup", Path.Combine(_dir.Path, "mail")],
        };

        var (code, stdout, stderr) = await PosFleetProcess.RunAsync(args);

        Assert.Equal(5, code);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("posfleet: ", line, StringComparison.Ordinal);
        Assert.Contains("corrupt", line, StringComparison.Ordinal);
        Assert.Contains(Db, line, StringComparison.Ordinal);
        Assert.Empty(stdout);
        Assert.Equal(before, Hash(Db));
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "mail")) && Directory.EnumerateFileSystemEntries(Path.Combine(_dir.Path, "mail")).Any());
    }

    [Fact]
    public async Task DigestList_DamagedPagesItDoesNotRead_ListsTheSubscriptionsAndFileUnchanged()
    {
        await StoreWithDamagedPagesAsync();
        var before = Hash(Db);

        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("digest", "list", "--store", Db);

        Assert.True(code == 0, stderr);
        Assert.Contains("ops  threshold 1", stdout, StringComparison.Ordinal);
        Assert.Equal(before, Hash(Db));
    }

    /// <summary>A store of a few thousand entries and one subscription, three pages of entries in its middle overwritten.</summary>
    private async Task StoreWithDamagedPagesAsync()
    {
        var log = _dir.File("till.log", string.Concat(Enumerable.Range(0, 3000).Select(i => string.Create(
            CultureInfo.InvariantCulture,
            $"2026-11-20T{i / 3600 + 8:00}:{i / 60 % 60:00}:{i % 60:00}.000Z [ERROR] term=POS-{i % 40:0000} org=ACME printer: printer {i} not responding after {i * 7} ms ref=T-{i}\n"))));
        var ingest = await PosFleetProcess.RunAsync("ingest", log, "--store", Db);
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        var add = await PosFleetProcess.RunAsync("digest", "add", "--store", Db, "--name", "ops", "--recipients", "ops@example.com", "--time-zone", "UTC");
        Assert.True(add.ExitCode == 0, add.Stderr);
        Assert.False(File.Exists(Db + "-wal") && new FileInfo(Db + "-wal").Length > 0, "the last process left its write-ahead log behind");

        using var file = new FileStream(Db, FileMode.Open);
        Assert.True(file.Length > 4096 * 20, $"the store holds only {file.Length} bytes");
        // Pages in the middle of the file, far from the schema and the subscriptions: the header still says SQLite and
        // the schema version still reads, so only a check of the whole file, or a query that meets them, finds them.
        file.Position = file.Length / 2 / 4096 * 4096;
        file.Write(Enumerable.Repeat((byte)0x5A, 4096 * 3).ToArray());
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
