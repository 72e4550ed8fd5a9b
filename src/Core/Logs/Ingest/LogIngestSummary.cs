using PosFleet.Logs.Scanning;

namespace PosFleet.Logs.Ingest;

/// <summary>What an ingest read and stored.</summary>
public sealed record LogIngestSummary
{
    /// <summary>Each file read, with what was new in it.</summary>
    public required IReadOnlyList<IngestedSource> Sources { get; init; }

    /// <summary>Lines read past the checkpoints, well-formed or not.</summary>
    public long LinesRead => Sources.Sum(s => s.LinesRead);

    /// <summary>Entries stored that were not stored before.</summary>
    public long NewEntries => Sources.Sum(s => s.NewEntries);

    /// <summary>Lines that could not be read as log entries; they are skipped, never stored.</summary>
    public long MalformedLines { get; init; }

    /// <summary>The first malformed lines, with their position and what was wrong.</summary>
    public required IReadOnlyList<MalformedLine> FirstMalformed { get; init; }

    /// <summary>
    /// Lines longer than <see cref="LogScanOptions.MaxLineLength"/>: skipped whole (never truncated into an entry, never
    /// stored or emitted), and not counted in <see cref="MalformedLines"/>.
    /// </summary>
    /// <value>The default value is 0.</value>
    public long OverLongLines { get; init; }

    /// <summary>Where the first over-long lines are (as many as malformed lines are reported).</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<LogPosition> FirstOverLong { get; init; } = [];

    /// <summary>
    /// Lines without a timestamp, read as untimed entries and stored with the time of the entry above them in their file
    /// (included in <see cref="LinesRead"/>, never in <see cref="MalformedLines"/>).
    /// </summary>
    /// <value>The default value is 0.</value>
    public long UntimedLines { get; init; }

    /// <summary>Inputs that could not be read.</summary>
    public required IReadOnlyList<SourceError> Errors { get; init; }

    /// <summary>Files and directories found in the inputs and not read (symlink loops, files already read under another path, FIFOs), with why.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<SkippedSource> Skipped { get; init; } = [];


    /// <summary>
    /// Per rule name, the lines on which the rule's pattern ran past <c>LogClassificationOptions.PatternTimeout</c>: those
    /// entries were stored without that rule's classification. Empty when none did, as it should be.
    /// </summary>
    public IReadOnlyDictionary<string, long> PatternTimeouts { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Whether the ingest was interrupted; what it committed until then is stored, and <see cref="Sources"/> counts exactly
    /// that (the file it stopped in included, <see cref="IngestedSource.Interrupted"/>).
    /// </summary>
    public bool Canceled { get; init; }
}

/// <summary>What one file gave an ingest.</summary>
/// <param name="Source">The file.</param>
/// <param name="LinesRead">Lines read past its checkpoint (for the file an interruption stopped in, those its last commit covers).</param>
/// <param name="NewEntries">Entries stored that were not stored before, counted from the committed batches.</param>
/// <param name="Restarted">Whether the file was found rotated or truncated and read again from its start.</param>
/// <param name="PendingBytes">Bytes after its last newline, left for the next ingest (a line still being written).</param>
public sealed record IngestedSource(string Source, long LinesRead, long NewEntries, bool Restarted, long PendingBytes)
{
    /// <summary>Whether the ingest was interrupted while it read this file: the rest of it is read by the next ingest.</summary>
    public bool Interrupted { get; init; }
}
