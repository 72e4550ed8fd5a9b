namespace PosFleet.Logs.Storage;

/// <summary>How many entries of one hour had a severity and kind.</summary>
/// <param name="Hour">The start of the hour (UTC).</param>
/// <param name="Severity">The severity.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Count">How many entries.</param>
public sealed record LogCountBucket(DateTimeOffset Hour, LogSeverity Severity, LogKind Kind, long Count);
