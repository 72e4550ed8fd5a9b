namespace PosFleet.Sync.Configurations;

/// <summary>The back office's connector configurations per terminal: the desired ones and the versions terminals report.</summary>
public interface ITerminalConfigurationStore
{
    /// <summary>Stores a new configuration for <paramref name="terminalId"/>, one version above its previous one (1 for the first).</summary>
    /// <param name="terminalId">The terminal.</param>
    /// <param name="settings">The connector's settings.</param>
    /// <param name="syncInterval">The sync interval, or <see langword="null"/> for the terminal's own.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The configuration with its version.</returns>
    ValueTask<TerminalConfiguration> SetAsync(string terminalId, IReadOnlyDictionary<string, string> settings, TimeSpan? syncInterval, CancellationToken cancellationToken);

    /// <summary>The configuration the back office holds for <paramref name="terminalId"/>, or <see langword="null"/>.</summary>
    /// <param name="terminalId">The terminal.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The desired configuration.</returns>
    ValueTask<TerminalConfiguration?> GetDesiredAsync(string terminalId, CancellationToken cancellationToken);

    /// <summary>Records the version <paramref name="terminalId"/> reports running.</summary>
    /// <param name="terminalId">The terminal.</param>
    /// <param name="version">The version it runs.</param>
    /// <param name="reportedAt">When it reported.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when recorded.</returns>
    ValueTask ReportAsync(string terminalId, long version, DateTimeOffset reportedAt, CancellationToken cancellationToken);

    /// <summary>Desired versus reported for every terminal that has a configuration, by terminal id.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The states.</returns>
    ValueTask<IReadOnlyList<TerminalConfigurationState>> ListAsync(CancellationToken cancellationToken);
}
