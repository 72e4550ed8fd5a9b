namespace PosFleet.Logs.Scanning;

/// <summary>What one <see cref="ILogScanner.ScanAsync"/> reads and selects.</summary>
public sealed class LogScanRequest
{
    /// <summary>
    /// File paths, directory paths (read recursively, files matching <see cref="LogScanOptions.DirectoryGlob"/>; each
    /// directory and file read once however many symbolic links lead to it, FIFOs, sockets and devices skipped, see
    /// <see cref="LogScanSummary.Skipped"/>), or <c>-</c> for standard input.
    /// </summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>What to count and select.</summary>
    /// <value>The default value selects every line of the four kinds.</value>
    public LogScanFilter Filter { get; init; } = new();

    /// <summary>Receives the bytes read as the scan goes.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IProgress<LogScanProgress>? Progress { get; init; }

    /// <summary>
    /// Receives the lines as entries, in input order (the scan then runs on one core): every well-formed line in scope,
    /// or only the selected ones with <see cref="SelectedEntriesOnly"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (no entries, only the summary).</value>
    public Action<LogEntry>? OnEntry { get; init; }

    /// <summary>Whether <see cref="OnEntry"/> receives only the lines of the selected kinds.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool SelectedEntriesOnly { get; init; }
}
