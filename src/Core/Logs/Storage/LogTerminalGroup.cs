namespace PosFleet.Logs.Storage;

/// <summary>How many entries one terminal wrote in a window (the dashboard's "terminals with the most errors").</summary>
/// <param name="Terminal">The terminal.</param>
/// <param name="Organization">Its organization, when known (of its latest entry).</param>
/// <param name="Count">How many entries.</param>
/// <param name="LastSeen">Its latest entry's timestamp.</param>
public sealed record LogTerminalGroup(string Terminal, string? Organization, long Count, DateTimeOffset LastSeen);
