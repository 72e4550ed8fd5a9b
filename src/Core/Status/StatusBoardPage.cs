namespace PosFleet.Status;

/// <summary>A page of the status board.</summary>
/// <param name="Rows">The rows, in the query's order.</param>
/// <param name="Next">The cursor of the next page (<see cref="StatusBoardQuery.After"/>), or <see langword="null"/> when this is the last.</param>
public sealed record StatusBoardPage(IReadOnlyList<StatusBoardRow> Rows, string? Next);
