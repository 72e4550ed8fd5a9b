namespace PosFleet.Logs;

/// <summary>Where a log line was read: its source (a file path, <c>-</c> for standard input) and its 1-based line number.</summary>
/// <param name="Source">The file path or stream name the line was read from.</param>
/// <param name="Line">The 1-based line number within <paramref name="Source"/>.</param>
public readonly record struct LogPosition(string Source, long Line)
{
    /// <inheritdoc />
    public override string ToString() => $"{Source}:{Line}";
}
