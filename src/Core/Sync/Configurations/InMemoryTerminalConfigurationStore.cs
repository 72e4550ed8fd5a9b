namespace PosFleet.Sync.Configurations;

/// <summary>Configurations in memory (tests, demos, the smallest back offices).</summary>
internal sealed class InMemoryTerminalConfigurationStore : ITerminalConfigurationStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TerminalConfiguration> _desired = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Version, DateTimeOffset At)> _reported = new(StringComparer.Ordinal);

    public ValueTask<TerminalConfiguration> SetAsync(string terminalId, IReadOnlyDictionary<string, string> settings, TimeSpan? syncInterval, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(terminalId);
        ArgumentNullException.ThrowIfNull(settings);
        lock (_lock)
        {
            var version = _desired.TryGetValue(terminalId, out var previous) ? previous.Version + 1 : 1;
            var configuration = new TerminalConfiguration
            {
                Version = version,
                SyncInterval = syncInterval,
                Settings = new Dictionary<string, string>(settings, StringComparer.Ordinal),
            };
            _desired[terminalId] = configuration;
            return ValueTask.FromResult(configuration);
        }
    }

    public ValueTask<TerminalConfiguration?> GetDesiredAsync(string terminalId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_desired.GetValueOrDefault(terminalId));
        }
    }

    public ValueTask ReportAsync(string terminalId, long version, DateTimeOffset reportedAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(terminalId);
        lock (_lock)
        {
            _reported[terminalId] = (version, reportedAt);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<TerminalConfigurationState>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<TerminalConfigurationState> states = _desired
                .OrderBy(d => d.Key, StringComparer.Ordinal)
                .Select(d => new TerminalConfigurationState
                {
                    TerminalId = d.Key,
                    Desired = d.Value,
                    ReportedVersion = _reported.TryGetValue(d.Key, out var r) ? r.Version : null,
                    ReportedAt = _reported.TryGetValue(d.Key, out var at) ? at.At : null,
                })
                .ToList();
            return ValueTask.FromResult(states);
        }
    }
}
