using System.CommandLine;
using System.Globalization;
using PosFleet.Digests;
using PosFleet.Logs.Storage;
using PosFleet.Notifications;

namespace PosFleet.Cli.Commands;

/// <summary><c>posfleet digest add|list|remove|run|history</c>: threshold digests over a store.</summary>
internal static class DigestCommand
{
    public static Command Create() => new("digest", "Threshold digests: subscriptions, runs, and the ledger of what was sent.")
    {
        Add(), List(), Remove(), DigestRunCommand.Create(), History(),
    };

    private static Command Add()
    {
        var store = StoreAccess.StoreOption();
        var name = new Option<string>("--name") { Description = "The subscription's name (also its id).", Required = true };
        var recipients = new Option<string>("--recipients") { Description = "Comma-separated e-mail addresses.", Required = true };
        var threshold = new Option<int>("--threshold") { Description = "Send only when at least this many entries match.", DefaultValueFactory = _ => 1 };
        var kinds = CommonOptions.Kinds();
        var sendAt = new Option<TimeOnly>("--send-at") { Description = "Local send time, HH:mm.", DefaultValueFactory = _ => new TimeOnly(8, 0) };
        var zone = new Option<string>("--time-zone") { Description = "IANA time zone, such as Europe/Madrid.", DefaultValueFactory = _ => "UTC" };
        var organization = new Option<string?>("--organization") { Description = "Only this organization's entries." };
        var terminal = new Option<string?>("--terminal") { Description = "Only this terminal's entries." };
        var window = new Option<TimeSpan?>("--window")
        {
            Description = "The window counted back from the send time (default 24h).",
            CustomParser = r => r.Tokens.Count == 0 ? null : CommonOptions.ParseDuration(r.Tokens[0].Value, r),
        };
        var culture = new Option<string>("--culture") { Description = "Language of the digest: en, es, fr, it.", DefaultValueFactory = _ => "en" };
        var test = new Option<bool>("--test") { Description = "Test mode: always sent, subject prefixed [TEST]." };
        var inactive = new Option<bool>("--inactive") { Description = "Save it inactive." };
        var command = new Command("add", "Adds a subscription, or replaces the one with the same name.")
        {
            store, name, recipients, threshold, kinds, sendAt, zone, organization, terminal, window, culture, test, inactive,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyList<string> addresses;
            try
            {
                addresses = DigestSubscription.ParseRecipients(parse.GetValue(recipients)!);
            }
            catch (FormatException ex)
            {
                return ScanCommand.Fail(ExitCodes.Usage, ex.Message);
            }

            var chosen = parse.GetValue(kinds);
            var subscription = new DigestSubscription
            {
                Id = parse.GetValue(name)!,
                Name = parse.GetValue(name)!,
                Recipients = addresses,
                MinimumThreshold = parse.GetValue(threshold),
                Kinds = chosen is null or { Length: 0 } ? null : chosen.ToHashSet(),
                SendTime = parse.GetValue(sendAt),
                TimeZone = parse.GetValue(zone)!,
                Organization = parse.GetValue(organization),
                Terminal = parse.GetValue(terminal),
                Window = parse.GetValue(window) ?? TimeSpan.FromHours(24),
                Culture = parse.GetValue(culture)!,
                TestMode = parse.GetValue(test),
                Active = !parse.GetValue(inactive),
            };

            // Every value comes from the command line: a bad one is a usage error, as a bad recipient is.
            if (subscription.Validate() is { Count: > 0 } problems)
            {
                return ScanCommand.Fail(ExitCodes.Usage, string.Join(" ", problems));
            }

            return await WithStoreAsync(parse.GetValue(store)!, create: true, write: true, async digests =>
            {
                await digests.SaveSubscriptionAsync(subscription, cancellationToken).ConfigureAwait(false);
                Console.Out.WriteLine($"Saved subscription '{DisplayText.Escape(subscription.Id)}'.");
                foreach (var r in subscription.Recipients)
                {
                    // Valid (RFC 6531), and written as is by --pickup; an SMTP server must offer SMTPUTF8 to take it.
                    if (EmailAddressSyntax.TryParse(r, out var mailbox) && !System.Text.Ascii.IsValid(mailbox.LocalPart))
                    {
                        Console.Error.WriteLine($"note: '{DisplayText.Escape(mailbox.Address)}' has a non-ASCII local part: an SMTP server that does not offer SMTPUTF8 cannot take it, and 'digest run --smtp' reports that recipient as failed.");
                    }
                }

                return ExitCodes.Success;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static Command List()
    {
        var store = StoreAccess.StoreOption();
        var command = new Command("list", "Lists the subscriptions.") { store };
        command.SetAction(async (parse, cancellationToken) => await WithStoreAsync(parse.GetValue(store)!, create: false, write: false, async digests =>
        {
            foreach (var s in await digests.GetSubscriptionsAsync(cancellationToken).ConfigureAwait(false))
            {
                var kinds = string.Join(',', s.EffectiveKinds.Order().Select(k => k.ToString().ToLowerInvariant()));
                var flags = (s.Active ? "" : " inactive") + (s.TestMode ? " test" : "");
                // A store written by another tool may hold any text: each line is made printable as a whole.
                Console.Out.WriteLine(DisplayText.Escape(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{s.Id}  threshold {s.MinimumThreshold}  kinds {kinds}  at {s.SendTime:HH\\:mm} {s.TimeZone}  window {s.Window}  {s.Culture}  to {string.Join(", ", s.Recipients)}{flags}")));
            }

            return ExitCodes.Success;
        }).ConfigureAwait(false));
        return command;
    }

    private static Command Remove()
    {
        var store = StoreAccess.StoreOption();
        var name = new Option<string>("--name") { Description = "The subscription to remove.", Required = true };
        var command = new Command("remove", "Removes a subscription; its runs stay in the ledger.") { store, name };
        command.SetAction(async (parse, cancellationToken) => await WithStoreAsync(parse.GetValue(store)!, create: false, write: true, async digests =>
        {
            if (!await digests.RemoveSubscriptionAsync(parse.GetValue(name)!, cancellationToken).ConfigureAwait(false))
            {
                return ScanCommand.Fail(ExitCodes.Usage, $"There is no subscription '{parse.GetValue(name)}': 'posfleet digest list' shows them.");
            }

            Console.Out.WriteLine($"Removed subscription '{DisplayText.Escape(parse.GetValue(name))}'.");
            return ExitCodes.Success;
        }).ConfigureAwait(false));
        return command;
    }

    private static Command History()
    {
        var store = StoreAccess.StoreOption();
        var name = new Option<string?>("--subscription") { Description = "Only this subscription's runs." };
        var limit = new Option<int>("--limit") { Description = "How many runs, latest window first.", DefaultValueFactory = _ => 50 };
        var command = new Command("history", "The ledger: each window, its count, and per recipient sent, pending retry or failed, and why.") { store, name, limit };
        command.SetAction(async (parse, cancellationToken) => await WithStoreAsync(parse.GetValue(store)!, create: false, write: false, async digests =>
        {
            var runs = await digests.QueryRunsAsync(new DigestRunQuery { SubscriptionId = parse.GetValue(name), Limit = Math.Max(1, parse.GetValue(limit)) }, cancellationToken).ConfigureAwait(false);
            if (runs.Count == 0)
            {
                Console.Out.WriteLine("No digest has run yet.");
            }

            foreach (var run in runs)
            {
                WriteRun(run, Console.Out);
            }

            return ExitCodes.Success;
        }).ConfigureAwait(false));
        return command;
    }

    /// <summary>One run of the ledger, with each recipient's state.</summary>
    public static void WriteRun(DigestRun run, TextWriter output)
    {
        var count = run.Count is { } n ? n.ToString(CultureInfo.InvariantCulture) : "-";
        var test = run.Key.TestId is null ? "" : $" [test {run.Key.TestId}]";
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{DisplayText.Escape(run.Key.SubscriptionId)}  {run.Key.WindowStart.UtcDateTime:yyyy-MM-dd HH:mm}Z .. {run.Key.WindowEnd.UtcDateTime:yyyy-MM-dd HH:mm}Z  count {count} (threshold {run.Threshold})  {Describe(run.Status)}  {run.Trigger.ToString().ToLowerInvariant()}  attempts {run.Attempts}{test}"));
        if (run.Error is not null)
        {
            output.WriteLine($"    error: {DisplayText.Escape(run.Error)}");
        }

        if (run.Status is DigestRunStatus.BelowThreshold)
        {
            return;
        }

        foreach (var r in run.Recipients)
        {
            var state = r.Status switch
            {
                DigestRecipientStatus.Sent => "sent",
                DigestRecipientStatus.Failed => "failed",
                _ => run.NextAttemptAt is { } next ? string.Create(CultureInfo.InvariantCulture, $"pending retry at {next.UtcDateTime:yyyy-MM-dd HH:mm}Z") : "pending",
            };
            output.WriteLine(DisplayText.Escape($"    {r.Recipient}: {state}{(r.Reason is null ? "" : " — " + r.Reason)}"));
        }
    }

    public static string Describe(DigestRunStatus status) => status switch
    {
        DigestRunStatus.BelowThreshold => "not sent: below threshold",
        DigestRunStatus.PartiallySent => "partially sent",
        DigestRunStatus.InProgress => "in progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// Runs <paramref name="action"/> over the store. The commands that <paramref name="write"/> (add, remove) read the
    /// whole file first, so a file with damaged pages is refused (exit 5) and left as it was; list and history do not.
    /// </summary>
    private static async Task<int> WithStoreAsync(FileInfo file, bool create, bool write, Func<IDigestStore, Task<int>> action)
    {
        if (!create && !file.Exists)
        {
            return ScanCommand.Fail(ExitCodes.StoreUnavailable, $"The store '{file.FullName}' does not exist: create it with 'posfleet digest add --store {file.Name} …' or 'posfleet ingest'.");
        }

        try
        {
            var access = DigestAccess.Open(file, check: write);
            await using (access.ConfigureAwait(false))
            {
                return await action(access.Store).ConfigureAwait(false);
            }
        }
        catch (PosFleetStorageException ex)
        {
            return ScanCommand.Fail(ExitCodes.StoreUnavailable, ex.Message);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            return ScanCommand.Fail(ExitCodes.InvalidConfiguration, ex.Message);
        }
        catch (OperationCanceledException)
        {
            return ScanCommand.Fail(ExitCodes.Canceled, "interrupted.");
        }
    }
}
