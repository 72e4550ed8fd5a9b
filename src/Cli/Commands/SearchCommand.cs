using System.CommandLine;
using PosFleet.Cli.Output;
using PosFleet.Logs.Storage;

namespace PosFleet.Cli.Commands;

/// <summary><c>posfleet search</c>: the report list of a store, newest first, by words, reference, severity and kind, each with its hint.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var text = new Argument<string?>("text") { Description = "Words the message must contain (all of them).", Arity = ArgumentArity.ZeroOrOne };
        var store = StoreAccess.StoreOption();
        var reference = new Option<string?>("--ref") { Description = "Only entries carrying this order or ticket reference." };
        var severities = CommonOptions.Severities();
        var kinds = CommonOptions.Kinds();
        kinds.Description = "Only these kinds: error,fail,offline,retry (default: any, lines without a kind included).";
        var since = CommonOptions.Since();
        var asOf = CommonOptions.Instant("--as-of", "The instant --since counts back from (default: now).");
        var terminal = new Option<string?>("--terminal") { Description = "Only this terminal's entries." };
        var organization = new Option<string?>("--organization") { Description = "Only this organization's entries." };
        var limit = new Option<int>("--limit") { Description = "How many entries to show.", DefaultValueFactory = _ => 50 };
        var after = new Option<string?>("--after") { Description = "Show the page after this cursor (printed at the end of the previous page)." };
        var json = new Option<bool>("--json") { Description = "Write the entries as JSON." };
        var command = new Command("search", "Search a store's entries, newest first, each with its hint.")
        {
            text, store, reference, severities, kinds, since, asOf, terminal, organization, limit, after, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(limit) is < 1 or > 100_000)
            {
                return ScanCommand.Fail(ExitCodes.Usage, "--limit must be from 1 to 100000.");
            }

            // The query's size limits are the SDK's (LogQuery.Validate): refused here before the store is opened.
            var bounded = new LogQuery
            {
                Text = parse.GetValue(text),
                Reference = parse.GetValue(reference),
                Terminal = parse.GetValue(terminal),
                Organization = parse.GetValue(organization),
                Limit = parse.GetValue(limit),
                After = parse.GetValue(after),
            };
            try
            {
                bounded.Validate();
            }
            catch (ArgumentException ex)
            {
                return ScanCommand.Fail(ExitCodes.Usage, ex.Message);
            }

            if (parse.GetValue(text) is { } searched && !searched.Any(char.IsLetterOrDigit))
            {
                return ScanCommand.Fail(ExitCodes.Usage, $"the text '{searched}' has no word to search.");
            }

            var (access, code) = StoreAccess.Open(parse.GetValue(store)!, create: false);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                var now = parse.GetValue(asOf) ?? access.Time.GetUtcNow();
                var kindList = parse.GetValue(kinds) ?? [];
                var severityList = parse.GetValue(severities) ?? [];
                var query = bounded with
                {
                    Severities = severityList.Length > 0 ? severityList.ToHashSet() : null,
                    Kinds = kindList.Length > 0 ? kindList.ToHashSet() : null,
                    From = parse.GetValue(since) is { } window ? now - window : null,
                    To = parse.GetValue(asOf) is not null ? now : null,
                };
                try
                {
                    var page = await access.Store.QueryAsync(query, cancellationToken);
                    cancellationToken.ThrowIfCancellationRequested(); // a signal during a query that did not stop for it
                    if (parse.GetValue(json))
                    {
                        await using var stdout = Console.OpenStandardOutput();
                        StoreJson.WritePage(page, stdout);
                    }
                    else
                    {
                        StoreTable.WritePage(page, Console.Out);
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
                catch (ArgumentException ex) when (query.After is not null)
                {
                    return ScanCommand.Fail(ExitCodes.Usage, ex.Message);
                }
            }
        });
        return command;
    }
}
