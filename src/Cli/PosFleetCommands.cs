using System.CommandLine;
using PosFleet.Cli.Actions;
using PosFleet.Cli.Commands;
using PosFleet.Cli.Notifications;
using PosFleet.Cli.Status;
using PosFleet.Cli.Sync;
using PosFleet.Cli.Updates;

namespace PosFleet.Cli;

/// <summary>
/// The command tree of <c>posfleet</c>. A run builds only the command its first word names: every command's options,
/// parsers and actions are code that the framework-dependent tool compiles on each start, and a scan or an ingest
/// needs its own alone (a scan then compiles 2,203 methods instead of 2,346: benchmarks/README.md, "the JIT build's
/// start, a core that waited put to work"). When the first word names no command (<c>--help</c>, <c>--version</c>,
/// a mistyped name, a response file), the whole tree is built, so that help lists every command and a mistake is
/// answered as before.
/// </summary>
internal static class PosFleetCommands
{
    /// <summary>Each top-level command's name, as its factory names it, with that factory.</summary>
    internal static readonly (string Name, Func<Command> Create)[] All =
    [
        ("scan", ScanCommand.Create),
        ("generate", GenerateCommand.Create),
        ("demo", DemoCommand.Create),
        ("ingest", IngestCommand.Create),
        ("search", SearchCommand.Create),
        ("dashboard", DashboardCommand.Create),
        ("digest", DigestCommand.Create),
        ("terminal", TerminalCommand.Create),
        ("changes", ChangesCommand.Create),
        ("action", ActionCommand.Create),
        ("status", StatusCommand.Create),
        ("package", PackageCommand.Create),
        ("notifications", NotificationsCommand.Create),
    ];

    /// <summary>The root command for <paramref name="args"/>: with the command the first argument names, or with all.</summary>
    public static RootCommand Root(IReadOnlyList<string> args)
    {
        var root = new RootCommand("posfleet: run a fleet of point-of-sale terminals from a back office.");
        var named = args.Count > 0 && Array.Exists(All, c => c.Name == args[0]);
        foreach (var (name, create) in All)
        {
            if (!named || name == args[0])
            {
                root.Subcommands.Add(create());
            }
        }

        return root;
    }
}
