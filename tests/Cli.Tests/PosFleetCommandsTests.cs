using PosFleet.Tests;

namespace PosFleet.Cli.Tests;

/// <summary>The command tree is built for the command a run names, or whole when it names none.</summary>
public sealed class PosFleetCommandsTests : IDisposable
{
    private const string Log = """
        2026-11-20T08:00:00.000Z [ERROR] term=POS-1 org=ACME tickets: could not save ticket ref=T-100 : error 7
        2026-11-20T09:00:00.000Z [INFO] term=POS-3 org=BETA tickets: ticket closed ref=T-300

        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Names => [.. PosFleetCommands.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Root_NamingACommand_BuildsThatCommandAlone_UnderItsOwnName(string name)
    {
        var root = PosFleetCommands.Root([name, "--help"]);

        var only = Assert.Single(root.Subcommands);
        Assert.Equal(name, only.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--help")]
    [InlineData("--version")]
    [InlineData("scna a.log")]
    [InlineData("@args.rsp")]
    [InlineData("SCAN a.log")]
    public void Root_NamingNoCommand_BuildsThemAll(string line)
    {
        var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var root = PosFleetCommands.Root(args);

        Assert.Equal(PosFleetCommands.All.Select(c => c.Name), root.Subcommands.Select(c => c.Name));
        Assert.Equal(root.Subcommands.Count, root.Subcommands.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("--help");

        Assert.True(code == 0, stderr);
        foreach (var (name, _) in PosFleetCommands.All)
        {
            Assert.Matches($@"(?m)^\s+{name}\s", stdout);
        }
    }

    [Fact]
    public async Task MistypedCommand_IsAUsageError_NamingTheWord()
    {
        var (code, _, stderr) = await PosFleetProcess.RunAsync("scna", "a.log");

        Assert.Equal(2, code);
        Assert.Contains("scna", stderr, StringComparison.Ordinal);
        Assert.Contains("posfleet --help", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandHelp_ListsItsOptions()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("scan", "--help");

        Assert.True(code == 0, stderr);
        foreach (var option in new[] { "--since", "--from", "--pattern", "--rules", "--json", "--threads" })
        {
            Assert.Contains(option, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ResponseFile_RunsTheCommandItNames_AsTheSameWordsWould()
    {
        var log = _dir.File("a.log", Log);
        var rsp = _dir.File("args.rsp", $"scan\n\"{log}\"\n--json\n");

        var direct = await PosFleetProcess.RunAsync("scan", log, "--json");
        var viaFile = await PosFleetProcess.RunAsync("@" + rsp);

        Assert.True(direct.ExitCode == 0, direct.Stderr);
        Assert.Equal(direct.ExitCode, viaFile.ExitCode);
        Assert.Equal(direct.Stdout, viaFile.Stdout);
    }
}
