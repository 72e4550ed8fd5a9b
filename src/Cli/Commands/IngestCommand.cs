using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Cli.Output;
using PosFleet.Logs;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Cli.Commands;

/// <summary><c>posfleet ingest</c>: read what is new in activity logs into a store, incrementally; <c>--follow</c> keeps going.</summary>
internal static class IngestCommand
{
    /// <summary>
    /// The flags that set a validated option, each with how it copies its value onto options that are otherwise the
    /// defaults: checked on their own, they show which flag a failure is about whatever its wording.
    /// </summary>
    private static readonly (string Flag, Action<LogIngestOptions, LogIngestOptions> Copy)[] Flags =
    [
        ("--batch-size", (from, to) => to.BatchSize = from.BatchSize),
        ("--organization", (from, to) => to.Organization = from.Organization),
        ("--terminal", (from, to) => to.Terminal = from.Terminal),
        ("--glob", (from, to) => to.DirectoryGlob = from.DirectoryGlob),
    ];

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Log files or directories (read recursively).", Arity = ArgumentArity.OneOrMore };
        var store = StoreAccess.StoreOption();
        var organization = new Option<string?>("--organization") { Description = "The organization of lines that name none." };
        var terminal = new Option<string?>("--terminal") { Description = "The terminal of lines that name none." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep ingesting as the files grow and rotate, until Ctrl+C or SIGTERM." };
        var rules = new Option<FileInfo?>("--rules") { Description = "A JSON file of classification rules, evaluated before the built-in ones." };
        var patternTimeout = CommonOptions.PatternTimeout();
        var pattern = CommonOptions.Pattern();
        var glob = new Option<string>("--glob") { Description = "File-name pattern of the files read from directories.", DefaultValueFactory = _ => "*.log" };
        var batch = new Option<int>("--batch-size") { Description = "The most entries stored per transaction.", DefaultValueFactory = _ => 65536 };
        var retention = new Option<TimeSpan?>("--retention")
        {
            Description = "First delete the entries older than DURATION (30d, 48h), in short transactions.",
            CustomParser = r => r.Tokens.Count == 0 ? null : CommonOptions.ParseDuration(r.Tokens[0].Value, r),
        };
        var command = new Command("ingest", "Store what is new in activity logs (incrementally, from each file's checkpoint).")
        {
            paths, store, organization, terminal, follow, rules, patternTimeout, pattern, glob, batch, retention,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            // The scan's hot methods, compiled on the other core while the ingester is composed (JIT builds).
            ScanWarmUp.Start();
            // SQLite's asynchronous calls complete synchronously: without this the action would not hand its task to
            // the Ctrl+C/SIGTERM handler until the first real wait, and a signal during retention would end the
            // process (exit 143) instead of canceling it.
            await Task.Yield();
            if (!CommonOptions.TryReadPattern(parse.GetValue(pattern), out var layout, out var patternError))
            {
                return ScanCommand.Fail(ExitCodes.Usage, patternError);
            }

            var options = new LogIngestOptions
            {
                Organization = parse.GetValue(organization),
                Terminal = parse.GetValue(terminal),
                Follow = parse.GetValue(follow),
                BatchSize = parse.GetValue(batch),
                DirectoryGlob = parse.GetValue(glob)!,
            };
            var (access, code) = StoreAccess.Open(
                parse.GetValue(store)!,
                create: true,
                builder => builder.AddLogs(o =>
                {
                    o.Format = layout;
                    o.Classification.RulesFile = parse.GetValue(rules)?.FullName;
                    o.Classification.PatternTimeout = parse.GetValue(patternTimeout) ?? o.Classification.PatternTimeout;
                }),
                provider => Validate(options, [.. provider.GetServices<IValidateOptions<LogIngestOptions>>()]) is { } invalid
                    ? ScanCommand.Fail(ExitCodes.Usage, invalid)
                    : null);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                if (parse.GetValue(retention) is { } keep && await RetainAsync(access.Store, access.Time, keep, cancellationToken) is { } failed)
                {
                    return failed;
                }

                return await RunAsync(access, parse.GetValue(paths)!, options, Console.Out, cancellationToken);
            }
        });
        return command;
    }

    /// <summary>
    /// Validates the options the flags map to with the SDK's own validators (those a host's start-up runs), then finds the flag of the first failure: the one whose value, with every other option at
    /// its default, fails the same way. A failure no flag gives on its own (a rule about several options) names none.
    /// </summary>
    internal static string? Validate(LogIngestOptions options, IReadOnlyList<IValidateOptions<LogIngestOptions>> validators)
    {
        if (Failures(options, validators).FirstOrDefault() is not { } failure)
        {
            return null;
        }

        foreach (var (flag, copy) in Flags)
        {
            var alone = new LogIngestOptions();
            copy(options, alone);
            if (Failures(alone, validators).Contains(failure, StringComparer.Ordinal))
            {
                return $"{flag}: {failure}";
            }
        }

        return failure;
    }

    private static IEnumerable<string> Failures(LogIngestOptions options, IReadOnlyList<IValidateOptions<LogIngestOptions>> validators) =>
        validators.Select(v => v.Validate(Options.DefaultName, options)).Where(r => r.Failed).SelectMany(r => r.Failures ?? [r.FailureMessage ?? "the ingest options are not valid."]);

    /// <summary>Deletes the entries older than <paramref name="keep"/>; an exit code when the ingest must not go on.</summary>
    private static async Task<int?> RetainAsync(ILogStore store, TimeProvider time, TimeSpan keep, CancellationToken cancellationToken)
    {
        var olderThan = time.GetUtcNow() - keep;
        var c = CultureInfo.InvariantCulture;
        Console.Error.WriteLine(string.Create(c, $"posfleet: retention: deleting the entries older than {olderThan.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC."));
        try
        {
            var deleted = await store.DeleteOlderThanAsync(olderThan, cancellationToken);
            Console.Out.WriteLine(string.Create(c, $"Retention: deleted {deleted:N0} entries older than {olderThan.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC."));
            return null;
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or PosFleetStorageException)
        {
            // Ctrl+C or SIGTERM: the store stops between (or inside, rolling it back) its short delete transactions.
            return ScanCommand.Fail(ExitCodes.Canceled, "interrupted during retention; the entries deleted until then stay deleted, nothing was ingested yet, and the next ingest goes on from there.");
        }
        catch (PosFleetStorageException ex)
        {
            return ScanCommand.Fail(ExitCodes.StoreUnavailable, ex.Message);
        }
    }

    public static async Task<int> RunAsync(StoreAccess access, IReadOnlyList<string> paths, LogIngestOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        LogIngestSummary summary;
        var clock = Stopwatch.StartNew();
        try
        {
            using var progress = ConsoleProgress.StartIfInteractive();
            if (options.Follow)
            {
                Console.Error.WriteLine("posfleet: following; press Ctrl+C to stop (everything read is stored).");
            }

            summary = await access.Ingester.IngestAsync(new LogIngestRequest { Paths = paths, Options = options, Progress = progress }, cancellationToken);
        }
        catch (PosFleetStorageException ex)
        {
            return ScanCommand.Fail(ExitCodes.StoreUnavailable, ex.Message);
        }
        catch (OptionsValidationException ex)
        {
            return ScanCommand.Fail(ExitCodes.InvalidConfiguration, ex.Message);
        }

        var c = CultureInfo.InvariantCulture;
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        // Interrupted, the counts are those of the committed batches: what the store holds, per source.
        var interrupted = summary.Canceled && !options.Follow;
        output.WriteLine(interrupted
            ? string.Create(c, $"Interrupted; committed from {summary.Sources.Count} source(s): {summary.LinesRead:N0} new lines read, {summary.NewEntries:N0} new entries stored, {summary.MalformedLines:N0} malformed, {summary.UntimedLines:N0} untimed, in {seconds:0.0} s.")
            : string.Create(c, $"Ingested {summary.Sources.Count} source(s): {summary.LinesRead:N0} new lines read, {summary.NewEntries:N0} new entries stored, {summary.MalformedLines:N0} malformed, {summary.UntimedLines:N0} untimed, in {seconds:0.0} s ({summary.LinesRead / seconds:N0} lines/s)."));
        foreach (var s in summary.Sources)
        {
            var notes = (s.Restarted ? "  (rotated or truncated: read from its start)" : "")
                + (s.PendingBytes > 0 ? $"  ({s.PendingBytes} bytes after the last newline left for next time)" : "")
                + (s.Interrupted && interrupted ? "  (interrupted: the rest is read by the next ingest)" : "");
            output.WriteLine(string.Create(c, $"  {DisplayText.Escape(s.Source)}  lines={s.LinesRead:N0}  new={s.NewEntries:N0}{notes}"));
        }

        if (summary.OverLongLines > 0)
        {
            output.WriteLine(string.Create(c, $"Skipped {summary.OverLongLines:N0} over-long line(s), not stored; first at {DisplayText.Escape(summary.FirstOverLong[0].ToString())}."));
        }

        foreach (var skipped in summary.Skipped)
        {
            Console.Error.WriteLine($"posfleet: warning: skipped '{DisplayText.Escape(skipped.Source)}': {DisplayText.Escape(skipped.Reason)}.");
        }

        // A compressed or binary file (told by its first bytes, whatever its name) is among the skipped: a warning, not a failure.
        var errors = summary.Errors;
        foreach (var error in errors)
        {
            Console.Error.WriteLine($"posfleet: {DisplayText.Escape(error.Message)}");
        }

        PatternTimeoutWarnings.Write(summary.PatternTimeouts, "stored without that rule's classification", Console.Error);
        if (summary.UntimedLines > 0)
        {
            Console.Error.WriteLine($"posfleet: {summary.UntimedLines} line(s) without a timestamp stored as untimed entries, with the time of the entry above them.");
        }

        if (summary.MalformedLines > 0)
        {
            Console.Error.WriteLine($"posfleet: {summary.MalformedLines} malformed line(s) skipped; first at {DisplayText.Escape(summary.FirstMalformed[0].Position.ToString())} ({summary.FirstMalformed[0].Reason}).");
        }

        if (interrupted)
        {
            return ScanCommand.Fail(ExitCodes.Canceled, "interrupted; the entries counted above are stored, and the next ingest goes on from there.");
        }

        return errors.Count > 0 ? ExitCodes.UnreadableInput : ExitCodes.Success;
    }
}
