namespace PosFleet.Status;

/// <summary>A page of a terminal's sync errors, newest first.</summary>
/// <param name="Errors">The errors.</param>
/// <param name="Next">The cursor of the next (older) page (<see cref="SyncErrorQuery.After"/>), or <see langword="null"/> when this is the last.</param>
public sealed record SyncErrorPage(IReadOnlyList<SyncErrorRecord> Errors, string? Next);
