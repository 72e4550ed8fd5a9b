namespace PosFleet.Actions;

/// <summary>One action a <see cref="IRemoteActionQueue.QueueAsync"/> call led to.</summary>
/// <param name="Action">The action as stored.</param>
/// <param name="Collapsed"><see langword="true"/> when an identical action (same terminal, name and parameters) was still pending and this request was folded into it.</param>
public sealed record RemoteActionQueued(RemoteAction Action, bool Collapsed);
