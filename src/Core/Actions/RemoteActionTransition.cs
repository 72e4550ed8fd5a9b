namespace PosFleet.Actions;

/// <summary>One state change of a remote action, with its time.</summary>
/// <param name="State">The state entered.</param>
/// <param name="At">When (the back office's clock for Pending, Delivered, Canceled and Expired; the terminal's report otherwise).</param>
/// <param name="Attempt">The attempt it belongs to (0 before the first run).</param>
/// <param name="Detail">Why, when there is a reason to tell (a retry's cause, a rejection, a failure), or <see langword="null"/>.</param>
public sealed record RemoteActionTransition(RemoteActionState State, DateTimeOffset At, int Attempt = 0, string? Detail = null);
