namespace PosFleet.Actions;

/// <summary>A page of actions, newest first.</summary>
/// <param name="Actions">The actions.</param>
/// <param name="Next">The cursor of the next page (<see cref="RemoteActionQuery.After"/>), or <see langword="null"/> on the last.</param>
public sealed record RemoteActionPage(IReadOnlyList<RemoteAction> Actions, string? Next);
