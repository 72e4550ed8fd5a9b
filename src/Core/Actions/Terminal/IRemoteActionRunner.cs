namespace PosFleet.Actions.Terminal;

/// <summary>The terminal's runner of remote actions: in the background after each exchange, or when the host asks.</summary>
public interface IRemoteActionRunner
{
    /// <summary>
    /// Runs, one at a time, the received actions and the ones found running after a restart (as recoveries), waiting
    /// for a run already in progress.
    /// </summary>
    /// <param name="cancellationToken">Stops the runs: the attempt in progress stays marked running and is a recovery at the next start.</param>
    /// <returns>How many actions ended.</returns>
    Task<int> RunPendingAsync(CancellationToken cancellationToken = default);
}
