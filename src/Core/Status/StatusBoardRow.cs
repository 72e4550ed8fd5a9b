namespace PosFleet.Status;

/// <summary>One terminal on the status board: its latest status, its health and the version its organization targets.</summary>
/// <param name="Status">The terminal's latest status.</param>
/// <param name="Health">Its health as of the query.</param>
/// <param name="TargetVersion">Its organization's target version, or <see langword="null"/> when none is set.</param>
public sealed record StatusBoardRow(TerminalStatus Status, TerminalHealth Health, string? TargetVersion);
