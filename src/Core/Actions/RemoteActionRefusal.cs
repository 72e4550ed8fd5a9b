namespace PosFleet.Actions;

/// <summary>
/// A report the back office refused for good, and why: an action it does not hold for this terminal, a state that
/// cannot follow the action's, an upload chunk it will not take. The report is acknowledged all the same (its id is in
/// <see cref="RemoteActionBatch.Recorded"/>), so it leaves the terminal's journal instead of coming back at every
/// exchange; nothing was written to any action.
/// </summary>
public sealed record RemoteActionRefusal
{
    /// <summary>The refused report's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The action the report named.</summary>
    public required Guid ActionId { get; init; }

    /// <summary>Why it was refused, such as <c>the back office has no action … for this terminal</c>.</summary>
    public required string Reason { get; init; }
}
