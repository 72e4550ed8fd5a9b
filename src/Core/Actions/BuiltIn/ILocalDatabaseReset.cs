namespace PosFleet.Actions.BuiltIn;

/// <summary>
/// Empties the terminal's local copy of back-office data so that it rebuilds from a full export
/// (<see cref="RemoteActionNames.ResetDatabase"/>). PosFleet.Connectors.Sqlite implements it for the synced tables it
/// declares; a host with other local data registers its own.
/// </summary>
public interface ILocalDatabaseReset
{
    /// <summary>Deletes the synced rows and the change checkpoint, in one transaction.</summary>
    /// <param name="cancellationToken">Cancels the reset (nothing is deleted).</param>
    /// <returns>How many rows were deleted.</returns>
    ValueTask<long> ResetAsync(CancellationToken cancellationToken);
}
