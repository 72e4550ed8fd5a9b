using System.CommandLine;
using PosFleet.Cli.Output;
using PosFleet.Logs.Storage;

namespace PosFleet.Cli.Commands;

/// <summary><c>posfleet dashboard</c>: Success / Alert / Error per hour over the last hours, totals, top templates, terminals with the most errors.</summary>
internal static class DashboardCommand
{
    public static Command Create()
    {
        var store = StoreAccess.StoreOption();
        var hours = new Option<int>("--hours") { Description = "How many hours the dashboard covers.", DefaultValueFactory = _ => 48 };
        var asOf = CommonOptions.Instant("--as-of", "The instant the window ends at (default: now).");
        var top = new Option<int>("--top") { Description = "How many templates and terminals to list.", DefaultValueFactory = _ => 10 };
        var terminal = new Option<string?>("--terminal") { Description = "Only this terminal's entries." };
        var organization = new Option<string?>("--organization") { Description = "Only this organization's entries." };
        var json = new Option<bool>("--json") { Description = "Write the dashboard as JSON." };
        var command = new Command("dashboard", "The dashboard of a store: Success / Alert / Error per hour, totals, top templates, terminals with the most errors.")
        {
            store, hours, asOf, top, terminal, organization, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(hours) is < 1 or > 24 * 366 || parse.GetValue(top) < 1)
            {
                return ScanCommand.Fail(ExitCodes.Usage, "--hours must be from 1 to 8784 and --top at least 1.");
            }

            try
            {
                // The terminal and organization go into the store's queries, whose limits the SDK sets.
                new LogQuery { Terminal = parse.GetValue(terminal), Organization = parse.GetValue(organization) }.Validate();
            }
            catch (ArgumentException ex)
            {
                return ScanCommand.Fail(ExitCodes.Usage, ex.Message);
            }

            var (access, code) = StoreAccess.Open(parse.GetValue(store)!, create: false);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                try
                {
                    var dashboard = await Dashboard.LoadAsync(
                        access.Dashboard, parse.GetValue(asOf), parse.GetValue(hours), parse.GetValue(top),
                        parse.GetValue(terminal), parse.GetValue(organization), cancellationToken);
                    cancellationToken.ThrowIfCancellationRequested(); // a signal during a query that did not stop for it
                    if (parse.GetValue(json))
                    {
                        await using var stdout = Console.OpenStandardOutput();
                        StoreJson.WriteDashboard(dashboard, stdout);
                    }
                    else
                    {
                        StoreTable.WriteDashboard(dashboard, Console.Out);
                    }

                    return ExitCodes.Success;
                }
                catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or PosFleetStorageException)
                {
                    return ScanCommand.Fail(ExitCodes.Canceled, "interrupted.");
                }
                catch (PosFleetStorageException ex)
                {
                    return ScanCommand.Fail(ExitCodes.StoreUnavailable, ex.Message);
                }
            }
        });
        return command;
    }
}
