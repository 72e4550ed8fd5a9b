namespace PosFleet.Sync.Enrolment;

/// <summary>Terminal credentials in memory, for tests and the smallest hosts.</summary>
internal sealed class InMemoryTerminalCredentialStore : ITerminalCredentialStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, TerminalCredentialRecord> _records = new(StringComparer.Ordinal);

    public ValueTask SaveAsync(TerminalCredentialRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            _records[record.TerminalId] = record;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<TerminalCredentialRecord?> GetAsync(string terminalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        lock (_lock)
        {
            return ValueTask.FromResult(_records.GetValueOrDefault(terminalId));
        }
    }

    public ValueTask<bool> RevokeAsync(string terminalId, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        lock (_lock)
        {
            if (_records.TryGetValue(terminalId, out var record) && record.RevokedAt is null)
            {
                _records[terminalId] = record with { RevokedAt = revokedAt };
                return ValueTask.FromResult(true);
            }

            return ValueTask.FromResult(false);
        }
    }

    public ValueTask<IReadOnlyList<TerminalCredentialRecord>> ListAsync(string? organization, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<TerminalCredentialRecord>>(
                [.. _records.Values.Where(r => organization is null || r.Organization == organization)]);
        }
    }
}
