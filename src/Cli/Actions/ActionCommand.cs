using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PosFleet.Actions;
using PosFleet.Cli.Commands;
using PosFleet.Sync;

namespace PosFleet.Cli.Actions;

/// <summary><c>posfleet action queue|list|cancel|download</c>: remote actions in the back office's store.</summary>
internal static class ActionCommand
{
    /// <summary>The exit code of a cancel that came too late: the action was already delivered (or done).</summary>
    public const int NotCanceled = ExitCodes.ActionNotCanceled;

    public static Command Create() => new("action", "Remote actions: queue one for a terminal or an organization, list pending or done, cancel before delivery, download an upload.")
    {
        Queue(), List(), Cancel(), Download(),
    };

    private static (StoreAccess? Access, int ExitCode) Open(FileInfo file)
    {
        if (!file.Exists)
        {
            return (null, ScanCommand.Fail(ExitCodes.StoreUnavailable, $"The back office store '{file.FullName}' does not exist: enrol a terminal into it first ('posfleet terminal enrol --store {file.Name} …')."));
        }

        return StoreAccess.Open(file, create: false, builder =>
        {
            builder.Services.TryAddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
            builder.AddSyncBackOffice().AddActionsBackOffice();
        });
    }

    private static Command Queue()
    {
        var store = StoreAccess.StoreOption();
        var organization = new Option<string>("--organization") { Description = "The organization.", Required = true };
        var terminal = new Option<string?>("--terminal") { Description = "The terminal; without it, every enrolled terminal of the organization." };
        var name = new Option<string>("--name") { Description = "The action, such as clear-cache, retrieve-logs, reset-database.", Required = true };
        var parameters = new Option<string[]>("--param") { Description = "A parameter NAME=VALUE (repeat the option for more).", AllowMultipleArgumentsPerToken = false };
        var ttl = new Option<TimeSpan?>("--ttl") { Description = "How long it may wait for the terminal (24h, 7d; default 7d).", CustomParser = r => r.Tokens.Count == 0 ? null : CommonOptions.ParseDuration(r.Tokens[0].Value, r) };
        var timeout = new Option<TimeSpan?>("--timeout") { Description = "How long one attempt may run (default 5m).", CustomParser = r => r.Tokens.Count == 0 ? null : CommonOptions.ParseDuration(r.Tokens[0].Value, r) };
        var attempts = new Option<int?>("--attempts") { Description = "The most attempts (default 3)." };
        var command = new Command("queue", "Queues an action; an identical one still pending is not queued twice (its id is shown).")
        {
            store, organization, terminal, name, parameters, ttl, timeout, attempts,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in parse.GetValue(parameters) ?? [])
            {
                var split = p.IndexOf('=', StringComparison.Ordinal);
                if (split <= 0)
                {
                    return ScanCommand.Fail(ExitCodes.Usage, $"--param '{DisplayText.Escape(p)}' is not NAME=VALUE.");
                }

                values[p[..split]] = p[(split + 1)..];
            }

            var (access, code) = Open(parse.GetValue(store)!);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                try
                {
                    var queued = await access.Services.GetRequiredService<IRemoteActionQueue>().QueueAsync(
                        new RemoteActionRequest
                        {
                            Organization = parse.GetValue(organization)!,
                            TerminalId = parse.GetValue(terminal),
                            Name = parse.GetValue(name)!,
                            Parameters = values,
                            TimeToLive = parse.GetValue(ttl),
                            Timeout = parse.GetValue(timeout),
                            MaxAttempts = parse.GetValue(attempts),
                        },
                        cancellationToken);
                    if (queued.Count == 0)
                    {
                        Console.Out.WriteLine("No terminal is enrolled in this organization: nothing was queued.");
                    }

                    foreach (var q in queued)
                    {
                        Console.Out.WriteLine($"{(q.Collapsed ? "already pending" : "queued")} {q.Action.Id} {DisplayText.Escape(q.Action.Name)} for {DisplayText.Escape(q.Action.TerminalId)}");
                    }

                    return ExitCodes.Success;
                }
                catch (ArgumentException ex)
                {
                    return ScanCommand.Fail(ExitCodes.Usage, ex.Message);
                }
                catch (PosFleetStorageException ex)
                {
                    return ScanCommand.Fail(ExitCodes.StoreUnavailable, ex.Message);
                }
            }
        });
        return command;
    }

    private static Command List()
    {
        var store = StoreAccess.StoreOption();
        var organization = new Option<string>("--organization") { Description = "The organization.", Required = true };
        var terminal = new Option<string?>("--terminal") { Description = "Only this terminal's actions." };
        var which = new Option<RemoteActionList>("--list") { Description = "pending, done or all (default all).", DefaultValueFactory = _ => RemoteActionList.All };
        var limit = new Option<int>("--limit") { Description = $"The most actions shown, 1 to {RemoteActionQuery.MaxLimit} (default 50).", DefaultValueFactory = _ => 50 };
        var after = new Option<string?>("--after") { Description = "The cursor a previous page printed, for the next page." };
        var json = new Option<bool>("--json") { Description = "Write the page as JSON: every action with its parameters and history, and the next page's cursor." };
        var command = new Command("list", "Lists actions newest first: id, state, name, terminal, when queued, attempt, detail, uploaded bytes.") { store, organization, terminal, which, limit, after, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var max = parse.GetValue(limit);
            if (max is < 1 or > RemoteActionQuery.MaxLimit)
            {
                return ScanCommand.Fail(ExitCodes.Usage, string.Create(CultureInfo.InvariantCulture, $"--limit must be from 1 to {RemoteActionQuery.MaxLimit} (it is {max})."));
            }

            var (access, code) = Open(parse.GetValue(store)!);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                try
                {
                    var page = await access.Services.GetRequiredService<IRemoteActionQueue>().ListAsync(
                        new RemoteActionQuery { Organization = parse.GetValue(organization)!, TerminalId = parse.GetValue(terminal), List = parse.GetValue(which), Limit = max, After = parse.GetValue(after) },
                        cancellationToken);
                    if (parse.GetValue(json))
                    {
                        await using var stdout = Console.OpenStandardOutput();
                        ActionJson.WritePage(page, stdout);
                        return ExitCodes.Success;
                    }

                    foreach (var a in page.Actions)
                    {
                        var uploaded = a.UploadedBytes is { } u ? string.Create(CultureInfo.InvariantCulture, $"  uploaded {u} bytes") : "";
                        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{a.Id}  {a.State,-9}  {DisplayText.Escape(a.Name)}  {DisplayText.Escape(a.TerminalId)}  {a.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  attempt {a.Attempt}/{a.MaxAttempts}{uploaded}  {DisplayText.Escape(a.Detail ?? "")}"));
                    }

                    if (page.Next is { } next)
                    {
                        Console.Out.WriteLine($"next page: --after {next}");
                    }

                    return ExitCodes.Success;
                }
                catch (ArgumentException ex)
                {
                    return ScanCommand.Fail(ExitCodes.Usage, ex.Message);
                }
            }
        });
        return command;
    }

    private static Command Cancel()
    {
        var store = StoreAccess.StoreOption();
        var organization = new Option<string>("--organization") { Description = "The organization the action belongs to; another organization's action is not found.", Required = true };
        var id = new Option<Guid>("--id") { Description = "The action's id.", Required = true };
        var command = new Command("cancel", $"Cancels an action not yet delivered; exit {NotCanceled} when it was already delivered or done.") { store, organization, id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (access, code) = Open(parse.GetValue(store)!);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                var action = await access.Services.GetRequiredService<IRemoteActionQueue>().CancelAsync(parse.GetValue(organization)!, parse.GetValue(id), "Canceled with posfleet action cancel.", cancellationToken);
                if (action is null)
                {
                    return ScanCommand.Fail(ExitCodes.Usage, $"There is no action {parse.GetValue(id)} in organization '{DisplayText.Escape(parse.GetValue(organization)!)}': 'posfleet action list' shows them.");
                }

                if (action.State is not RemoteActionState.Canceled)
                {
                    return ScanCommand.Fail(NotCanceled, $"Action {action.Id} is {action.State}: only a pending action (not yet delivered) can be canceled.");
                }

                Console.Out.WriteLine($"Canceled action {action.Id}.");
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command Download()
    {
        var store = StoreAccess.StoreOption();
        var organization = new Option<string>("--organization") { Description = "The organization the action belongs to; another organization's action has no upload to download.", Required = true };
        var id = new Option<Guid>("--id") { Description = "The action's id.", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "The file to write (the retrieve-logs archive is gzip).", Required = true };
        var command = new Command("download", "Writes the file a terminal uploaded for an action (retrieve-logs' archive) to a file.") { store, organization, id, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (access, code) = Open(parse.GetValue(store)!);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                var target = parse.GetValue(output)!;
                long bytes;
                await using (var file = new FileStream(target.FullName, FileMode.Create, FileAccess.Write))
                {
                    bytes = await access.Services.GetRequiredService<IRemoteActionQueue>().DownloadAsync(parse.GetValue(organization)!, parse.GetValue(id), file, cancellationToken);
                }

                if (bytes < 0)
                {
                    File.Delete(target.FullName);
                    return ScanCommand.Fail(ExitCodes.Usage, $"Action {parse.GetValue(id)} of organization '{DisplayText.Escape(parse.GetValue(organization)!)}' has no upload (or is unknown there).");
                }

                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {bytes} bytes to {target.FullName}."));
                return ExitCodes.Success;
            }
        });
        return command;
    }
}
