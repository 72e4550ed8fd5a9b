namespace PosFleet.Status;

/// <summary>One sync error a terminal reported (or the back office refused it for), kept in the terminal's error history.</summary>
/// <param name="TerminalId">The terminal.</param>
/// <param name="Organization">Its organization.</param>
/// <param name="ReceivedAt">When the back office received the heartbeat that carried it.</param>
/// <param name="Error">The error.</param>
public sealed record SyncErrorRecord(string TerminalId, string Organization, DateTimeOffset ReceivedAt, string Error);
