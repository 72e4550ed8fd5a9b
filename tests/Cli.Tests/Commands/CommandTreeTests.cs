using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Commands;

/// <summary>The command tree is built for the command a run names, or whole when it names none.</summary>
public sealed class CommandTreeTests
{
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
}
