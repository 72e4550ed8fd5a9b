using PosFleet.Logs.Classification;
using PosFleet.Logs.Formats;

namespace PosFleet.Logs.Scanning;

/// <summary>Options of the log scanner.</summary>
public sealed class LogScanOptions
{
    /// <summary>The format of every input, or <see langword="null"/> to detect it per file from its first lines.</summary>
    /// <value>The default value is <see langword="null"/> (automatic).</value>
    public LogFormat? Format { get; set; }

    /// <summary>The formats automatic detection chooses from, in order of preference.</summary>
    /// <value>The default value is <see cref="LogFormats.All"/>.</value>
    public IList<LogFormat> Formats { get; } = [.. LogFormats.All];

    /// <summary>The longest line read; a longer line is skipped whole and counted as over-long (see <see cref="LogScanSummary.OverLongLines"/>), never truncated into an entry.</summary>
    /// <value>The default value is 64 KiB.</value>
    public int MaxLineLength { get; set; } = 64 * 1024;

    /// <summary>How many cores a scan of a large file uses.</summary>
    /// <value>The default value is <see cref="Environment.ProcessorCount"/>.</value>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>The file-name pattern of the files read from a directory (recursively).</summary>
    /// <value>The default value is <c>*.log*</c>, which also takes rotated files such as <c>app.log.1</c> and <c>app.log.2.gz</c>.</value>
    public string DirectoryGlob { get; set; } = "*.log*";

    /// <summary>Keys whose value is the line's order or ticket reference (<c>ref=T-1042</c>).</summary>
    /// <value>The default value is <c>ref</c>, <c>order</c>, <c>ticket</c>, <c>reference</c>.</value>
    public IList<string> ReferenceKeys { get; } = ["ref", "order", "ticket", "reference"];

    /// <summary>How many malformed lines are reported with their position (all are counted).</summary>
    /// <value>The default value is 10.</value>
    public int MalformedLinesReported { get; set; } = 10;

    /// <summary>
    /// How many terminals a scan counts one by one, the busiest (<see cref="LogScanSummary.Terminals"/> lists at most
    /// this many). Memory stays bounded however many distinct terminals a log names: with more than this, the
    /// busiest are kept (Space-Saving) and their counts may be too low by at most
    /// <see cref="LogScanSummary.TerminalCountsMaxError"/>.
    /// </summary>
    /// <value>The default value is 1,000.</value>
    public int MaxTerminals { get; set; } = 1_000;

    /// <summary>How many terminals each template lists (<see cref="LogTemplateGroup.Terminals"/>), the busiest for it.</summary>
    /// <value>The default value is 10.</value>
    public int TerminalsPerTemplate { get; set; } = 10;

    /// <summary>The size of the blocks a memory-mapped file is cut into, 0 to choose from the file size (tests set it small).</summary>
    internal long BlockSize { get; set; }

    /// <summary>The classification rules.</summary>
    public LogClassificationOptions Classification { get; } = new();
}
