namespace PosFleet.Updates;

/// <summary>The terminal's package state in memory: lost with the process (a Once confirmation is asked again after a restart).</summary>
internal sealed class InMemoryTerminalPackageStateStore : ITerminalPackageStateStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TerminalPackageState> _states = new(StringComparer.Ordinal);

    public ValueTask<TerminalPackageState?> GetAsync(string packageId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_states.GetValueOrDefault(packageId));
        }
    }

    public ValueTask SaveAsync(TerminalPackageState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_lock)
        {
            _states[state.PackageId] = state;
        }

        return ValueTask.CompletedTask;
    }
}
