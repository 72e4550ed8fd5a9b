using System.CommandLine;
using PosFleet.Cli.Output;
using PosFleet.Logs;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;

namespace PosFleet.Cli.Commands;

/// <summary><c>posfleet scan</c>: classify, group and count the lines of activity logs.</summary>
internal static class ScanCommand
{
    /// <summary>How many templates and terminals a summary lists unless <c>--top</c> says otherwise.</summary>
    internal const int DefaultTop = 10;

    /// <summary>
    /// The input, in bytes, from which a scan's warm-up reads its sample: under it (most often one file read in one
    /// block by one worker) the sample was measured to cost more than it saves.
    /// </summary>
    internal const long SampleWorthwhile = 1 << 20;

    /// <summary>
    /// Starts the scan's warm-up (<see cref="ScanWarmUp.Start"/>) from the command line as given, before it is parsed, where
    /// it is worth a sample (<see cref="SampleAs"/>). Elsewhere the command starts it once parsed. A guess only: an option
    /// misread here costs time, never a result (the command reads its options from the parse).
    /// </summary>
    internal static void WarmUpFrom(IReadOnlyList<string> args)
    {
        if (ScanWarmUp.WillStart && SampleAs(args) is { } json)
        {
            ScanWarmUp.Start(RenderNowhere(json));
        }
    }

    /// <summary>
    /// Whether a scan's command line (the command's name first) asks for a sample, and written as what:
    /// <see langword="true"/> for JSON (<c>--json</c>, <c>--json=…</c>, <c>--json:…</c>), <see langword="false"/> for the
    /// table, <see langword="null"/> for none (lines emitted instead of a summary, or less input than
    /// <see cref="SampleWorthwhile"/>).
    /// </summary>
    internal static bool? SampleAs(IReadOnlyList<string> args)
    {
        if (args.Any(a => Names(a, "--emit")) || !WorthASample(args.Skip(1)))
        {
            return null;
        }

        return args.Any(a => Names(a, "--json"));

        static bool Names(string arg, string option) =>
            arg == option || (arg.StartsWith(option, StringComparison.Ordinal) && arg.Length > option.Length && arg[option.Length] is '=' or ':');
    }

    /// <summary>
    /// Whether the files named hold <see cref="SampleWorthwhile"/> bytes or more together. A directory or standard input
    /// counts as large; a name that is no file (an option, a value) as nothing.
    /// </summary>
    internal static bool WorthASample(IEnumerable<string> paths)
    {
        long bytes = 0;
        foreach (var path in paths)
        {
            if (path == "-" || Directory.Exists(path))
            {
                return true;
            }

            try
            {
                var file = new FileInfo(path);
                bytes += file.Exists ? file.Length : 0;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
            }

            if (bytes >= SampleWorthwhile)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What the command does with a summary (its JSON or table), written to nowhere: for the warm-up's sample.</summary>
    internal static Action<LogScanSummary> RenderNowhere(bool json) => json
        ? summary => SummaryJson.Write(summary, DefaultTop, Stream.Null)
        : summary => SummaryTable.Write(summary, DefaultTop, TextWriter.Null);

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Log files, directories (read recursively) or - for standard input.", Arity = ArgumentArity.OneOrMore };
        var since = CommonOptions.Since();
        var from = CommonOptions.Instant("--from", "Only lines written at or after this instant (ISO-8601).");
        var to = CommonOptions.Instant("--to", "Only lines written before this instant (ISO-8601).");
        var asOf = CommonOptions.Instant("--as-of", "The instant --since counts back from (default: now).");
        var kinds = CommonOptions.Kinds();
        var format = new Option<string>("--format") { Description = $"The line format: auto, {string.Join(", ", LogFormats.All.Select(f => f.Name))}.", DefaultValueFactory = _ => "auto" };
        var pattern = CommonOptions.Pattern();
        var rules = new Option<FileInfo?>("--rules") { Description = "A JSON file of classification rules, evaluated before the built-in ones." };
        var patternTimeout = CommonOptions.PatternTimeout();
        var top = new Option<int>("--top") { Description = "How many templates and terminals to list.", DefaultValueFactory = _ => DefaultTop };
        var json = new Option<bool>("--json") { Description = "Write the summary as JSON." };
        var emit = new Option<string?>("--emit") { Description = "'lines': write one JSON object per input line in scope (position, kind, severity, template id) instead of a summary." };
        var selectedOnly = new Option<bool>("--selected-only") { Description = "With --emit lines, write only the lines of the selected kinds." };
        var terminal = new Option<string?>("--terminal") { Description = "Only this terminal's lines." };
        var organization = new Option<string?>("--organization") { Description = "Only this organization's lines." };
        var reference = new Option<string?>("--ref") { Description = "Only selected lines carrying this order or ticket reference." };
        var text = new Option<string?>("--text") { Description = "Only selected lines whose message contains this text." };
        var glob = new Option<string>("--glob") { Description = "File-name pattern of the files read from directories.", DefaultValueFactory = _ => "*.log*" };
        var maxLine = new Option<int>("--max-line-length") { Description = "Longest line read, in bytes; longer lines are skipped and counted as over-long.", DefaultValueFactory = _ => 64 * 1024 };
        var threads = new Option<int>("--threads") { Description = "Cores used to scan a large file.", DefaultValueFactory = _ => Environment.ProcessorCount };

        var command = new Command("scan", "Classify, group and count the lines of activity logs.")
        {
            paths, since, from, to, asOf, kinds, format, pattern, rules, patternTimeout, top, json, emit, selectedOnly, terminal, organization, reference, text, glob, maxLine, threads,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            // The scan's hot methods (and, for a large input, a sample's summary), compiled on the other core while the
            // scanner is composed (JIT builds). Started already, with a sample, for a large input named on a command line
            // that begins with the command (WarmUpFrom).
            if (ScanWarmUp.WillStart)
            {
                ScanWarmUp.Start(parse.GetValue(emit) is null && WorthASample(parse.GetValue(paths)!) ? RenderNowhere(parse.GetValue(json)) : null);
            }

            if (parse.GetValue(since) is not null && (parse.GetValue(from) is not null || parse.GetValue(to) is not null))
            {
                return Fail(ExitCodes.Usage, "--since cannot be combined with --from or --to: use one or the other.");
            }

            var emitMode = parse.GetValue(emit);
            if (emitMode is not null && emitMode != "lines")
            {
                return Fail(ExitCodes.Usage, $"--emit '{emitMode}' is not supported: use --emit lines.");
            }

            LogFormat? chosen = null;
            var formatName = parse.GetValue(format)!;
            if (formatName != "auto")
            {
                if (!LogFormats.TryGet(formatName, out var f))
                {
                    return Fail(ExitCodes.Usage, $"--format '{formatName}' is not a known format: use auto or one of {string.Join(", ", LogFormats.All.Select(x => x.Name))}.");
                }

                chosen = f;
            }

            if (parse.GetValue(pattern) is not null && chosen is not null)
            {
                return Fail(ExitCodes.Usage, "--pattern cannot be combined with --format: the pattern is the format.");
            }

            if (!CommonOptions.TryReadPattern(parse.GetValue(pattern), out var layout, out var patternError))
            {
                return Fail(ExitCodes.Usage, patternError);
            }

            chosen ??= layout;

            // No store: the scan reads files only, through the scanner a host would resolve.
            var (access, code) = StoreAccess.Compose(builder => builder.AddLogs(o =>
            {
                o.MaxLineLength = parse.GetValue(maxLine);
                o.MaxDegreeOfParallelism = parse.GetValue(threads);
                o.DirectoryGlob = parse.GetValue(glob)!;
                o.Format = chosen;
                o.Classification.RulesFile = parse.GetValue(rules)?.FullName;
                o.Classification.PatternTimeout = parse.GetValue(patternTimeout) ?? o.Classification.PatternTimeout;

                // Each template lists as many terminals as --top asks for, and the scan keeps at least that many.
                o.TerminalsPerTemplate = Math.Clamp(parse.GetValue(top), 0, 10_000);
                o.MaxTerminals = Math.Clamp(parse.GetValue(top), o.MaxTerminals, 1_000_000);
            }));
            if (access is null)
            {
                return code;
            }

            await using var composed = access;
            var scanner = access.Scanner;

            var now = parse.GetValue(asOf) ?? access.Time.GetUtcNow();
            var window = parse.GetValue(since);
            var selectedKinds = parse.GetValue(kinds) ?? [];
            var filter = new LogScanFilter
            {
                From = window is { } w ? now - w : parse.GetValue(from),
                To = window is not null ? null : parse.GetValue(to),
                Kinds = selectedKinds.Length > 0 ? selectedKinds.ToHashSet() : LogScanFilter.AllKinds,
                Terminal = parse.GetValue(terminal),
                Organization = parse.GetValue(organization),
                Reference = parse.GetValue(reference),
                Text = parse.GetValue(text),
            };

            var inputs = parse.GetValue(paths)!;
            LogScanSummary summary;
            try
            {
                if (emitMode == "lines")
                {
                    await using var stdout = Console.OpenStandardOutput();
                    using var writer = new EntryJsonWriter(stdout);
                    summary = await scanner.ScanAsync(
                        new LogScanRequest { Inputs = inputs, Filter = filter, OnEntry = writer.Write, SelectedEntriesOnly = parse.GetValue(selectedOnly) },
                        cancellationToken);
                }
                else
                {
                    using var progress = ConsoleProgress.StartIfInteractive();
                    summary = await scanner.ScanAsync(new LogScanRequest { Inputs = inputs, Filter = filter, Progress = progress }, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Interrupted(emitMode is not null);
            }

            // A signal that came as the last block ended: the scan is whole, but the user asked to stop before the summary.
            if (cancellationToken.IsCancellationRequested)
            {
                return Interrupted(emitMode is not null);
            }

            if (emitMode is null)
            {
                if (parse.GetValue(json))
                {
                    await using var stdout = Console.OpenStandardOutput();
                    SummaryJson.Write(summary, parse.GetValue(top), stdout);
                }
                else
                {
                    SummaryTable.Write(summary, parse.GetValue(top), Console.Out);
                }
            }

            foreach (var error in summary.Errors)
            {
                Console.Error.WriteLine($"posfleet: {DisplayText.Escape(error.Message)}");
            }

            foreach (var skipped in summary.Skipped)
            {
                Console.Error.WriteLine($"posfleet: skipped '{DisplayText.Escape(skipped.Source)}': {DisplayText.Escape(skipped.Reason)}.");
            }

            if (summary.OverLongLines > 0)
            {
                Console.Error.WriteLine($"posfleet: {summary.OverLongLines} over-long line(s) (longer than --max-line-length) skipped, not counted as entries; first at {DisplayText.Escape(summary.FirstOverLong[0].ToString())}.");
            }

            PatternTimeoutWarnings.Write(summary.PatternTimeouts, "which were not matched by that rule", Console.Error);
            if (summary.UntimedLines > 0)
            {
                Console.Error.WriteLine($"posfleet: {summary.UntimedLines} line(s) without a timestamp read as untimed entries{(filter.From is not null || filter.To is not null ? " (outside any time window, so not in scope)" : "")}.");
            }

            if (summary.MalformedLines > 0)
            {
                Console.Error.WriteLine($"posfleet: {summary.MalformedLines} malformed line(s); first at {DisplayText.Escape(summary.FirstMalformed[0].Position.ToString())} ({summary.FirstMalformed[0].Reason}).");
            }

            return summary.Errors.Count > 0 ? ExitCodes.UnreadableInput : ExitCodes.Success;
        });
        return command;
    }

    private static int Interrupted(bool emitting) => Fail(
        ExitCodes.Canceled,
        emitting
            ? "interrupted: the scan stopped before the end of its inputs; the lines written above are only those read until then."
            : "interrupted: the scan stopped before the end of its inputs; no summary is written.");

    /// <summary>Writes <c>posfleet: message</c> on standard error, the message made printable (it may quote a file name or a log's text).</summary>
    internal static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"posfleet: {DisplayText.Escape(message)}");
        return code;
    }
}
