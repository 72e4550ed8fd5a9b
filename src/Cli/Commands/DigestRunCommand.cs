using System.CommandLine;
using System.Globalization;
using PosFleet.Connectors.Email;
using PosFleet.Digests;
using PosFleet.Logs.Scanning;
using PosFleet.Notifications;

namespace PosFleet.Cli.Commands;

/// <summary>
/// <c>posfleet digest run</c>: runs one subscription's due and missed windows (or, with <c>--now</c>, an on-demand audit
/// of the last window) and sends through SMTP or into a pickup folder. <c>--catch-up</c> says which windows missed since
/// the subscription's last recorded window are run, as a host's scheduler does when it starts; <c>--rules</c> adds the
/// translated hints of a rules file, as <c>scan --rules</c> classifies with it. The SMTP password is read from
/// <c>POSFLEET_SMTP_PASSWORD</c> only, so that it never shows in a process list or a shell history.
/// </summary>
internal static class DigestRunCommand
{
    public const string PasswordVariable = "POSFLEET_SMTP_PASSWORD";

    public static Command Create()
    {
        var store = StoreAccess.StoreOption();
        var name = new Option<string>("--subscription") { Description = "The subscription to run.", Required = true };
        var now = new Option<bool>("--now") { Description = "On-demand audit of the last window ending now, instead of the due windows." };
        var test = new Option<bool>("--test") { Description = "With --now: send it whatever the count, subject prefixed [TEST]." };
        var asOf = CommonOptions.Instant("--as-of", "Run as if it were this instant (default: now).");
        var catchUp = new Option<DigestCatchUp?>("--catch-up")
        {
            HelpName = "all|latest|none",
            Description = "The windows missed since the last recorded one: all (oldest first), latest (only the most recent, unless one is on time) or none (default: latest).",
            CustomParser = r => r.Tokens.Count == 0 ? null : ParseCatchUp(r.Tokens[0].Value, r),
        };
        var smtp = new Option<string?>("--smtp") { Description = "The SMTP server, host:port." };
        var security = new Option<SmtpSecurity>("--smtp-security") { Description = "auto (default: TLS on port 465, STARTTLS when offered; a password is never sent without TLS), starttls, sslonconnect, or none (no TLS, password in clear text: a trusted relay only).", DefaultValueFactory = _ => SmtpSecurity.Auto };
        var user = new Option<string?>("--smtp-user") { Description = $"The SMTP user name; the password is read from {PasswordVariable}." };
        var from = new Option<string>("--from") { Description = "The sender address.", DefaultValueFactory = _ => "PosFleet <posfleet@localhost>" };
        var pickup = new Option<DirectoryInfo?>("--pickup") { Description = "Write the messages as .eml files into this directory instead of sending them." };
        var rules = new Option<FileInfo?>("--rules") { Description = "A JSON file of classification rules, evaluated before the built-in ones: their translated hints show in the digest." };
        var command = new Command("run", "Runs a subscription's due windows (or an audit with --now) and sends its digest.")
        {
            store, name, now, test, asOf, catchUp, smtp, security, user, from, pickup, rules,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(store)!;
            if (parse.GetValue(smtp) is null == (parse.GetValue(pickup) is null))
            {
                return ScanCommand.Fail(ExitCodes.Usage, "Give exactly one of --smtp host:port or --pickup DIR.");
            }

            if (parse.GetValue(test) && !parse.GetValue(now))
            {
                return ScanCommand.Fail(ExitCodes.Usage, "--test goes with --now (an on-demand test audit); a subscription saved with --test is always run in test mode.");
            }

            if (parse.GetValue(catchUp) is not null && parse.GetValue(now))
            {
                return ScanCommand.Fail(ExitCodes.Usage, "--catch-up goes with the due windows, not with --now (an audit of the last window).");
            }

            // A bad address is a bad value on the command line, whether a recipient (digest add) or the sender: exit 2 for both.
            if (!EmailAddressSyntax.TryParse(parse.GetValue(from), out _))
            {
                return ScanCommand.Fail(ExitCodes.Usage, $"--from '{parse.GetValue(from)}' is not a valid e-mail address; write the sender such as 'fleet@example.com' or 'PosFleet <fleet@example.com>'.");
            }

            Action<IPosFleetBuilder> notifier;
            if (parse.GetValue(pickup) is { } directory)
            {
                notifier = b => b.AddPickupFolderNotifier(directory.FullName, o => o.From = parse.GetValue(from)!);
            }
            else
            {
                var text = parse.GetValue(smtp)!;
                var colon = text.LastIndexOf(':');
                if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                {
                    return ScanCommand.Fail(ExitCodes.Usage, $"--smtp '{text}' is not host:port, such as smtp.example.com:587.");
                }

                notifier = DigestAccess.Smtp(text[..colon], port, parse.GetValue(security), parse.GetValue(user), Environment.GetEnvironmentVariable(PasswordVariable), parse.GetValue(from)!);
            }

            var id = parse.GetValue(name)!;
            var time = parse.GetValue(asOf) is { } instant ? new FixedTimeProvider(instant) : null;
            try
            {
                var access = DigestAccess.Open(file, notifier, time, parse.GetValue(catchUp) ?? DigestCatchUp.LatestOnly, check: true, rulesFile: parse.GetValue(rules)?.FullName);
                await using (access.ConfigureAwait(false))
                {
                    // Read before anything is sent, as scan and ingest read --rules: a file that cannot be used stops the run.
                    _ = access.Rules;
                    if (!file.Exists)
                    {
                        return ScanCommand.Fail(ExitCodes.StoreUnavailable, $"The store '{file.FullName}' does not exist: add a subscription with 'posfleet digest add --store {file.Name} …'.");
                    }

                    if (await access.Store.GetSubscriptionAsync(id, cancellationToken).ConfigureAwait(false) is null)
                    {
                        return ScanCommand.Fail(ExitCodes.Usage, $"There is no subscription '{id}': 'posfleet digest list --store {file.Name}' shows them.");
                    }

                    IReadOnlyList<DigestRunResult> results = parse.GetValue(now)
                        ? [await access.Runner.AuditAsync(id, parse.GetValue(test), cancellationToken).ConfigureAwait(false)]
                        : await access.Runner.RunDueAsync(new DigestRunDueRequest { SubscriptionId = id }, cancellationToken).ConfigureAwait(false);
                    var code = Report(results, Console.Out);
                    return cancellationToken.IsCancellationRequested
                        ? ScanCommand.Fail(ExitCodes.Canceled, "interrupted: the runs above are recorded as they ended; the next run goes on from there.")
                        : code;
                }
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or PosFleetStorageException)
            {
                return ScanCommand.Fail(ExitCodes.Canceled, "interrupted.");
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
        });
        return command;
    }

    private static DigestCatchUp? ParseCatchUp(string text, System.CommandLine.Parsing.ArgumentResult result)
    {
        foreach (var (name, value) in (ReadOnlySpan<(string, DigestCatchUp)>)[("all", DigestCatchUp.All), ("latest", DigestCatchUp.LatestOnly), ("none", DigestCatchUp.None)])
        {
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        result.AddError($"--catch-up '{text}' is not all, latest or none.");
        return null;
    }

    /// <summary>Writes what each run did and returns the exit code: 0 if a digest went out to everyone, 11 if one did not, 10 if none was due.</summary>
    public static int Report(IReadOnlyList<DigestRunResult> results, TextWriter output)
    {
        if (results.Count == 0)
        {
            output.WriteLine("No window is due.");
            return ExitCodes.DigestNotSent;
        }

        foreach (var result in results)
        {
            if (result.Run is { } run)
            {
                DigestCommand.WriteRun(run, output);
            }
            else
            {
                output.WriteLine($"{DisplayText.Escape(result.Key.SubscriptionId)}  {result.Key.WindowStart.UtcDateTime:yyyy-MM-dd HH:mm}Z .. {result.Key.WindowEnd.UtcDateTime:yyyy-MM-dd HH:mm}Z  {result.Outcome.ToString().ToLowerInvariant()}");
            }
        }

        if (results.Any(r => r.Outcome is DigestRunOutcome.Failed or DigestRunOutcome.Pending or DigestRunOutcome.PartiallySent))
        {
            return ExitCodes.DigestFailed;
        }

        return results.Any(r => r.Outcome is DigestRunOutcome.Sent) ? ExitCodes.Success : ExitCodes.DigestNotSent;
    }
}
