namespace PosFleet.Updates;

/// <summary>
/// The terminal's side of package updates: its <see cref="TerminalPackageState"/> per package, kept across restarts
/// (in memory in Core, durable in PosFleet.Connectors.Sqlite).
/// </summary>
public interface ITerminalPackageStateStore
{
    /// <summary>The state of <paramref name="packageId"/>, or <see langword="null"/> before anything was stored.</summary>
    /// <param name="packageId">The package.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The state.</returns>
    ValueTask<TerminalPackageState?> GetAsync(string packageId, CancellationToken cancellationToken);

    /// <summary>Stores the state, replacing the previous one of its package.</summary>
    /// <param name="state">The state.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SaveAsync(TerminalPackageState state, CancellationToken cancellationToken);
}
