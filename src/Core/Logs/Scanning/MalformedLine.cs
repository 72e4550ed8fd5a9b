namespace PosFleet.Logs.Scanning;

/// <summary>A malformed line and where it is.</summary>
/// <param name="Position">Where the line is.</param>
/// <param name="Reason">What is wrong with it.</param>
public sealed record MalformedLine(LogPosition Position, MalformedReason Reason);
