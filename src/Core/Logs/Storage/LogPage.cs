namespace PosFleet.Logs.Storage;

/// <summary>A page of entries, newest first.</summary>
/// <param name="Entries">The entries.</param>
/// <param name="Next">The cursor of the next page, or <see langword="null"/> at the end.</param>
public sealed record LogPage(IReadOnlyList<LogEntry> Entries, string? Next);
