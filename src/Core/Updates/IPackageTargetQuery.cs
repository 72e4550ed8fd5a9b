namespace PosFleet.Updates;

/// <summary>
/// What the status board asks of package updates (registered by <c>AddPackageBackOffice</c>): the version an
/// organization's terminals should run (behind it, a terminal shows yellow) and the version a terminal reported.
/// </summary>
public interface IPackageTargetQuery
{
    /// <summary>The organization's target version, or <see langword="null"/> when it has none.</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The version.</returns>
    ValueTask<string?> GetTargetVersionAsync(string organization, CancellationToken cancellationToken = default);

    /// <summary>The version of the target's package the terminal last reported running, or <see langword="null"/>.</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="terminalId">The terminal.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The version.</returns>
    ValueTask<string?> GetInstalledVersionAsync(string organization, string terminalId, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="version"/> is behind the organization's target (both read as versions; <see langword="false"/> without a target).</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="version">The version a terminal runs, such as its heartbeat's application version.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Whether it is behind.</returns>
    ValueTask<bool> IsBehindTargetAsync(string organization, string? version, CancellationToken cancellationToken = default);
}
