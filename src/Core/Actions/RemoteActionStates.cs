namespace PosFleet.Actions;

/// <summary>What the states of <see cref="RemoteActionState"/> mean for queries and transitions.</summary>
public static class RemoteActionStates
{
    /// <summary>Whether <paramref name="state"/> is final (done): Succeeded, Failed, Rejected, Canceled or Expired.</summary>
    /// <param name="state">The state.</param>
    /// <returns><see langword="true"/> when no other state follows it.</returns>
    public static bool IsDone(RemoteActionState state) => state >= RemoteActionState.Succeeded;

    /// <summary>Whether a terminal may report <paramref name="state"/>: Running, or one of the outcomes it decides (Succeeded, Failed, Rejected, Expired).</summary>
    /// <param name="state">The state.</param>
    /// <returns><see langword="true"/> when a terminal's report may carry it.</returns>
    public static bool IsReportable(RemoteActionState state) =>
        state is RemoteActionState.Running or RemoteActionState.Succeeded or RemoteActionState.Failed or RemoteActionState.Rejected or RemoteActionState.Expired;
}
