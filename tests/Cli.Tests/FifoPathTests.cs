using PosFleet.Tests;

namespace PosFleet.Cli.Tests;

/// <summary>
/// A FIFO (named pipe) where the tool expects a file it reads whole, a rules file or a store: refused at once with its
/// documented exit code, never opened and waited on for a writer. Each run has a short time limit, so a tool that
/// blocks fails the test instead of stalling the run.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FifoPathTests : IDisposable
{
    private const string Log = "2026-11-20T10:00:01.000Z [ERROR] term=POS-0001 org=ACME printer: paper out\n";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("scan")]
    [InlineData("ingest")]
    public async Task Command_RulesFileIsAFifo_ExitCode4NamingItWithoutWaiting(string command)
    {
        var rules = TestFiles.Fifo(Path.Combine(_dir.Path, "rules.json"));
        string[] args = command == "scan"
            ? ["scan", _dir.File("a.log", Log), "--rules", rules]
            : ["ingest", _dir.File("a.log", Log), "--store", Path.Combine(_dir.Path, "fleet.db"), "--rules", rules];

        var (code, _, stderr) = await PosFleetProcess.RunAsync(new PosFleetProcess.Options(args) { Timeout = Limit });

        Assert.Equal(4, code);
        Assert.Contains($"The rules file '{rules}' could not be read: it is a FIFO (named pipe), not a regular file.", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("search")]
    [InlineData("dashboard")]
    public async Task Command_StoreIsAFifo_ExitCode5OneLineWithoutWaiting(string command)
    {
        var db = TestFiles.Fifo(Path.Combine(_dir.Path, "fleet.db"));
        string[] args = command == "ingest" ? ["ingest", _dir.File("a.log", Log), "--store", db] : [command, "--store", db];

        var (code, _, stderr) = await PosFleetProcess.RunAsync(new PosFleetProcess.Options(args) { Timeout = Limit });

        Assert.Equal(5, code);
        Assert.Equal($"posfleet: The store '{db}' is not a SQLite database: it is a FIFO (named pipe), not a regular file. Choose a database file; nothing was opened.", stderr.Trim());
    }
}
