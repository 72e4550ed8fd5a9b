namespace PosFleet.Sync.Enrolment;

/// <summary>An authenticated terminal: the one its credential was issued to, and the organization it was enrolled in.</summary>
/// <param name="TerminalId">The terminal's id.</param>
/// <param name="Organization">Its organization.</param>
public sealed record TerminalIdentity(string TerminalId, string Organization);
