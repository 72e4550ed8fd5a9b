using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PosFleet.Cli.Commands;
using PosFleet.Status;
using PosFleet.Updates;

namespace PosFleet.Cli.Status;

/// <summary>
/// <c>posfleet status</c>: the status board of a back office's store (seed 004) — every terminal's latest heartbeat with
/// its health, filtered, sorted and paged — as a table, as JSON, or as an Excel workbook with the board's colours. The
/// tool is the back office's operator: it sees every organization, or those named with <c>--organization</c>.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var store = StoreAccess.StoreOption();
        var organization = new Option<string?>("--organization") { Description = "Only this organization's terminals." };
        var within = new Option<TimeSpan?>("--within")
        {
            Description = "Only terminals whose status was updated within DURATION (days, hours or minutes: 7d, 2h, 30m).",
            CustomParser = r => r.Tokens.Count == 0 ? null : CommonOptions.ParseDuration(r.Tokens[0].Value, r),
        };
        var hideSynced = new Option<bool>("--hide-synced") { Description = "Do not show successfully synced terminals: only those whose last exchange failed." };
        var health = new Option<TerminalHealth[]>("--health")
        {
            Description = "Only these healths: red,grey,yellow,green (default: all).",
            CustomParser = r => r.Tokens.Count == 0 ? [] : ParseHealth(r.Tokens[0].Value, r),
        };
        var text = new Option<string?>("--text") { Description = "Only terminals whose id, organization, version or last error contains TEXT." };
        var sort = new Option<string>("--sort") { Description = "organization, terminal, last-heard or health.", DefaultValueFactory = _ => "organization" };
        sort.AcceptOnlyFromAmong("organization", "terminal", "last-heard", "health");
        var limit = new Option<int>("--limit") { Description = "The most terminals shown (1 to 10000); the next page's cursor follows.", DefaultValueFactory = _ => 100 };
        var after = new Option<string?>("--after") { Description = "The cursor printed after the previous page." };
        var asOf = CommonOptions.Instant("--as-of", "The instant the board is drawn at (default: now).");
        var target = new Option<string?>("--target-version") { Description = "The version every organization's terminals should run (yellow when behind)." };
        var targets = new Option<string[]>("--target") { Description = "ORG=VERSION: one organization's target version (repeatable).", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "Write the page as JSON." };
        var xlsx = new Option<FileInfo?>("--xlsx") { Description = "Write the whole board (every page, with the filters and order) to this Excel file, each row in its health's colour." };
        var command = new Command("status", "The status board: every terminal's version, last update, last sync, last sync error and outbox, in red, grey, yellow or green.")
        {
            store, organization, within, hideSynced, health, text, sort, limit, after, asOf, target, targets, json, xlsx,
        };
        command.Subcommands.Add(StatusErrorsCommand.Create());

        command.SetAction(async (parse, cancellationToken) =>
        {
            var query = new StatusBoardQuery
            {
                Organization = parse.GetValue(organization),
                UpdatedWithin = parse.GetValue(within),
                HideSynced = parse.GetValue(hideSynced),
                Health = parse.GetValue(health),
                Text = parse.GetValue(text),
                Sort = parse.GetValue(sort) switch
                {
                    "terminal" => StatusBoardSort.Terminal,
                    "last-heard" => StatusBoardSort.LastHeard,
                    "health" => StatusBoardSort.Health,
                    _ => StatusBoardSort.Organization,
                },
                Limit = parse.GetValue(limit),
                After = parse.GetValue(after),
                AsOf = parse.GetValue(asOf),
            };
            var perOrganization = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(targets) ?? [])
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals < 1 || equals == pair.Length - 1)
                {
                    return ScanCommand.Fail(ExitCodes.Usage, $"--target '{DisplayText.Escape(pair)}' is not ORG=VERSION, such as ACME=35.1.");
                }

                perOrganization[pair[..equals]] = pair[(equals + 1)..];
            }

            try
            {
                query.Validate();
            }
            catch (ArgumentException ex)
            {
                return ScanCommand.Fail(ExitCodes.Usage, ex.Message);
            }

            var destination = parse.GetValue(xlsx);
            if (destination is not null && !(destination.Directory?.Exists ?? false))
            {
                return ScanCommand.Fail(ExitCodes.Usage, $"--xlsx: the folder '{DisplayText.Escape(destination.DirectoryName ?? "")}' does not exist.");
            }

            var (access, code) = StoreAccess.Open(parse.GetValue(store)!, create: false, builder =>
            {
                // The board logs what it refused and exported; the tool writes no log, so no provider.
                builder.Services.TryAddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
                builder.AddStatus(o =>
                {
                    o.TargetVersion = parse.GetValue(target);
                    foreach (var (org, version) in perOrganization)
                    {
                        o.TargetVersions[org] = version;
                    }
                });
                // As the web board does: an organization's package target is its target version, the options above the
                // fallback, so that yellow means the same in both.
                builder.AddPackageBackOffice();
            });
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                var board = access.Services.GetRequiredService<IStatusBoard>();
                try
                {
                    if (destination is not null)
                    {
                        return await ExportAsync(board, query, destination, cancellationToken);
                    }

                    var page = await board.QueryAsync(StatusBoardAccess.Everything, query, cancellationToken);
                    cancellationToken.ThrowIfCancellationRequested();
                    if (parse.GetValue(json))
                    {
                        await using var stdout = Console.OpenStandardOutput();
                        StatusBoardOutput.WriteJson(page, query.AsOf ?? access.Time.GetUtcNow(), stdout);
                    }
                    else
                    {
                        StatusBoardOutput.WriteTable(page, Console.Out);
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

    /// <summary>Writes the workbook beside its destination and moves it there, so a reader never opens half a file.</summary>
    private static async Task<int> ExportAsync(IStatusBoard board, StatusBoardQuery query, FileInfo destination, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(destination.DirectoryName!, $".{destination.Name}.{Environment.ProcessId}.tmp");
        try
        {
            int count;
            var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (file)
            {
                count = await board.ExportXlsxAsync(StatusBoardAccess.Everything, query, file, cancellationToken);
            }

            File.Move(temporary, destination.FullName, overwrite: true);
            Console.Out.WriteLine($"Wrote {count} terminals to {DisplayText.Escape(destination.FullName)}.");
            return ExitCodes.Success;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static TerminalHealth[] ParseHealth(string value, System.CommandLine.Parsing.ArgumentResult result)
    {
        var healths = new List<TerminalHealth>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<TerminalHealth>(part, ignoreCase: true, out var h) || !Enum.IsDefined(h) || char.IsDigit(part[0]))
            {
                result.AddError($"--health: '{part}' is not a health; use red, grey, yellow or green, separated by commas.");
                return [];
            }

            healths.Add(h);
        }

        return [.. healths];
    }
}
