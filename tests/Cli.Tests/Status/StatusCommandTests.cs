using System.Globalization;
using System.Text.Json;
using PosFleet.Status;

namespace PosFleet.Cli.Tests.Status;

/// <summary><c>posfleet status</c> on a real SQLite file, the tool run as a process: table, JSON, every filter, pages, errors.</summary>
public sealed class StatusCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Store => Path.Combine(_dir.Path, "backoffice.db");

    private static readonly string AsOf = StatusBoardFile.AsOf.ToString("O", CultureInfo.InvariantCulture);

    public Task InitializeAsync() => StatusBoardFile.CreateAsync(Store);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _dir.Dispose();

    private async Task<(string[] Terminals, JsonElement Root)> JsonAsync(params string[] filters)
    {
        var result = await PosFleetProcess.RunAsync(["status", "--store", Store, "--as-of", AsOf, "--target-version", "35", "--target", "BRAVO=34", "--json", .. filters]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var root = JsonDocument.Parse(result.Stdout).RootElement.Clone();
        return (root.GetProperty("terminals").EnumerateArray().Select(t => t.GetProperty("terminal").GetString()!).ToArray(), root);
    }

    [Fact]
    public async Task Status_Json_EveryTerminalWithItsHealthAndHeartbeat()
    {
        var (terminals, root) = await JsonAsync();

        Assert.Equal(StatusBoardFile.Fleet.Select(f => f.Terminal), terminals);
        var healths = root.GetProperty("terminals").EnumerateArray().Select(t => t.GetProperty("health").GetString()).ToArray();
        Assert.Equal(StatusBoardFile.Fleet.Select(f => f.Health.ToString().ToLowerInvariant()), healths);
        var red = root.GetProperty("terminals")[3];
        Assert.Equal("The back office could not be reached: Connection refused (bo.example:443)", red.GetProperty("lastSyncError").GetString());
        Assert.Equal(120, red.GetProperty("outboxDepth").GetInt64());
        Assert.Equal(10800, red.GetProperty("oldestUnsentSeconds").GetDouble());
        Assert.Equal("35", red.GetProperty("targetVersion").GetString());
        Assert.Equal("34", root.GetProperty("terminals")[4].GetProperty("targetVersion").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("next").ValueKind);
    }

    [Theory]
    [InlineData("--organization BRAVO", "bravo-01 bravo-02")]
    [InlineData("--within 10m", "acme-01 acme-02 acme-04 bravo-01 charlie-01")]
    [InlineData("--within 1h", "acme-01 acme-02 acme-03 acme-04 bravo-01 charlie-01")]
    [InlineData("--within 1d", "acme-01 acme-02 acme-03 acme-04 bravo-01 bravo-02 charlie-01")]
    [InlineData("--hide-synced", "acme-04 bravo-02")]
    [InlineData("--health grey,yellow", "acme-02 acme-03 charlie-02")]
    [InlineData("--text REFUSED", "acme-04")]
    [InlineData("--text 35.1", "charlie-02")]
    [InlineData("--organization ACME --hide-synced --within 10m", "acme-04")]
    [InlineData("--sort health", "acme-04 bravo-02 acme-03 charlie-02 acme-02 acme-01 bravo-01 charlie-01")]
    [InlineData("--sort last-heard", "acme-01 acme-02 bravo-01 acme-04 charlie-01 acme-03 bravo-02 charlie-02")]
    [InlineData("--organization NOBODY", "")]
    public async Task Status_Filter_ShowsExactlyTheMatchingTerminals(string filters, string expected)
    {
        var (terminals, _) = await JsonAsync(filters.Split(' '));

        Assert.Equal(expected, string.Join(' ', terminals));
    }

    [Fact]
    public async Task Status_LimitAndAfter_PagesThroughEveryTerminalOnce()
    {
        var seen = new List<string>();
        string[] after = [];
        for (var pages = 0; pages < 10; pages++)
        {
            var (terminals, root) = await JsonAsync(["--sort", "health", "--limit", "3", .. after]);
            Assert.InRange(terminals.Length, 1, 3);
            seen.AddRange(terminals);
            if (root.GetProperty("next").GetString() is not { } next)
            {
                break;
            }

            after = ["--after", next];
        }

        var (all, _) = await JsonAsync("--sort", "health");
        Assert.Equal(all, seen);
        Assert.Equal(8, seen.Count);
    }

    [Fact]
    public async Task Status_Table_OneLinePerTerminalAndTheCounts()
    {
        var result = await PosFleetProcess.RunAsync("status", "--store", Store, "--as-of", AsOf, "--target-version", "35", "--organization", "ACME");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("HEALTH", lines[0], StringComparison.Ordinal);
        Assert.Contains("LAST UPDATE", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^red\s+ACME\s+acme-04\s+35\s+35\s+2026-11-10 12:00Z\s+2026-11-30 11:58Z .* 120\s+3h\s+The back office could not be reached", lines[4]);
        Assert.Equal("4 terminals: 1 red, 1 grey, 1 yellow, 1 green.", lines[5].TrimEnd());
    }

    [Fact]
    public async Task Status_OrganizationWithAPackageTarget_YellowAsOnTheWebBoard()
    {
        await StatusBoardFile.TargetPackageAsync(Store, "CHARLIE", "36.1");

        var (terminals, root) = await JsonAsync();

        var rows = root.GetProperty("terminals").EnumerateArray().ToDictionary(t => t.GetProperty("terminal").GetString()!);
        Assert.Equal(("yellow", "36.1"), (rows["charlie-01"].GetProperty("health").GetString(), rows["charlie-01"].GetProperty("targetVersion").GetString()));
        // The other organizations keep the options' targets; charlie-02, silent, stays grey.
        Assert.Equal(("grey", "36.1"), (rows["charlie-02"].GetProperty("health").GetString(), rows["charlie-02"].GetProperty("targetVersion").GetString()));
        Assert.Equal(("green", "35"), (rows["acme-01"].GetProperty("health").GetString(), rows["acme-01"].GetProperty("targetVersion").GetString()));
        Assert.Equal(StatusBoardFile.Fleet.Select(f => f.Terminal), terminals);
    }

    [Theory]
    [InlineData("--health purple", 2, "'purple' is not a health")]
    [InlineData("--limit 0", 2, "Limit is 0")]
    [InlineData("--after garbage", 2, "not a cursor")]
    [InlineData("--target ACME", 2, "is not ORG=VERSION")]
    [InlineData("--target-version latest", 4, "TargetVersion 'latest' is not a version")]
    public async Task Status_BadValue_ExitCodeAndWhy(string arguments, int exitCode, string why)
    {
        var result = await PosFleetProcess.RunAsync(["status", "--store", Store, .. arguments.Split(' ')]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(why, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_MissingStore_Exit5AndNothingCreated()
    {
        var missing = Path.Combine(_dir.Path, "nothing.db");

        var result = await PosFleetProcess.RunAsync("status", "--store", missing);

        Assert.Equal(5, result.ExitCode);
        Assert.False(File.Exists(missing));
    }
}
