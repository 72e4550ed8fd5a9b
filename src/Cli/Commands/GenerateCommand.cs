using System.CommandLine;
using System.Globalization;
using PosFleet.Cli.Demo;

namespace PosFleet.Cli.Commands;

/// <summary><c>posfleet generate</c>: writes a deterministic POS fleet log, for demos and benchmarks.</summary>
internal static class GenerateCommand
{
    public static readonly DateTimeOffset DefaultEnd = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    public static Command Create()
    {
        var output = new Option<FileInfo>("--output", "-o") { Description = "The file to write.", Required = true };
        var size = new Option<string>("--size") { Description = "About how many bytes to write (100MB, 1GiB, 500k).", DefaultValueFactory = _ => "10MB" };
        var seed = new Option<int>("--seed") { Description = "The random seed: the same seed gives the same file.", DefaultValueFactory = _ => 42 };
        var days = new Option<double>("--days") { Description = "How many days the log covers.", DefaultValueFactory = _ => 3 };
        var end = CommonOptions.Instant("--end", "The instant the log ends at (default 2026-11-20T00:00:00Z).");
        var terminals = new Option<int>("--terminals") { Description = "How many terminals write to the log.", DefaultValueFactory = _ => 400 };
        var inTurn = new Option<bool>("--terminals-in-turn") { Description = "Terminals write one after the other, so that every one of them appears (else each line's terminal is drawn at random)." };

        var command = new Command("generate", "Write a deterministic POS fleet log (ISO-8601 + [LEVEL] format) for demos and benchmarks.")
        {
            output, size, seed, days, end, terminals, inTurn,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Generate(parse, cancellationToken)));
        return command;

        int Generate(ParseResult parse, CancellationToken cancellationToken)
        {
            if (!TryParseSize(parse.GetValue(size)!, out var bytes))
            {
                return ScanCommand.Fail(ExitCodes.Usage, $"--size '{parse.GetValue(size)}' is not a size: use a number and a unit, such as 100MB or 1GiB.");
            }

            var file = parse.GetValue(output)!;
            var generator = new FleetLogGenerator(parse.GetValue(seed), parse.GetValue(terminals), inTurn: parse.GetValue(inTurn));
            try
            {
                using var stream = new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
                var lines = generator.Write(stream, bytes, parse.GetValue(end) ?? DefaultEnd, parse.GetValue(days), cancellationToken);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {lines:N0} lines, {stream.Length:N0} bytes to {file.FullName}"));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Half a log would pass for the one asked: none is left.
                File.Delete(file.FullName);
                return ScanCommand.Fail(ExitCodes.Canceled, $"interrupted: {file.FullName} was not finished and has been removed.");
            }

            foreach (var (level, count) in generator.Levels.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{level}\t{count}"));
            }

            return ExitCodes.Success;
        }
    }

    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var t = text.Trim().ToUpperInvariant();
        var units = new (string Suffix, long Factor)[]
        {
            ("GIB", 1L << 30), ("MIB", 1L << 20), ("KIB", 1L << 10), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1000), ("G", 1L << 30), ("M", 1L << 20), ("K", 1L << 10), ("B", 1),
        };
        foreach (var (suffix, factor) in units)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal) && double.TryParse(t[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                bytes = (long)(n * factor);
                return true;
            }
        }

        return long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out bytes) && bytes > 0;
    }
}
