namespace PosFleet.Updates;

/// <summary>
/// The back office's packages: published releases, one target per organization with its rollout, and each terminal's
/// reported state. In memory in Core, durable in PosFleet.Connectors.Sqlite; a connector proves itself with
/// <c>PackageStoreConformanceTests</c> in PosFleet.Testing.
/// </summary>
public interface IPackageStore
{
    /// <summary>Adds a release unless one with its package id and version exists (releases are immutable).</summary>
    /// <param name="release">The release.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when added; <see langword="false"/> when that id and version were already published.</returns>
    ValueTask<bool> TryPublishAsync(PackageRelease release, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the location of the published release with <paramref name="release"/>'s package id and version, only
    /// while its size and SHA-256 are <paramref name="release"/>'s: the hash guarantees the bytes, so a renewed signed
    /// URL or a new password is stored, never other content.
    /// </summary>
    /// <param name="release">The release with its new location.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when replaced; <see langword="false"/> when no such release exists or its size or SHA-256 differ.</returns>
    ValueTask<bool> RenewLocationAsync(PackageRelease release, CancellationToken cancellationToken);

    /// <summary>The release of <paramref name="packageId"/> at <paramref name="version"/>, or <see langword="null"/>.</summary>
    /// <param name="packageId">The package.</param>
    /// <param name="version">The version, exactly as published.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The release.</returns>
    ValueTask<PackageRelease?> GetReleaseAsync(string packageId, string version, CancellationToken cancellationToken);

    /// <summary>The releases, of one package or all, by package id then publication time.</summary>
    /// <param name="packageId">Only this package's, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The releases.</returns>
    ValueTask<IReadOnlyList<PackageRelease>> ListReleasesAsync(string? packageId, CancellationToken cancellationToken);

    /// <summary>Sets the organization's target, replacing the previous one with its rollout.</summary>
    /// <param name="target">The target.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SetTargetAsync(PackageTarget target, CancellationToken cancellationToken);

    /// <summary>The organization's target, or <see langword="null"/>.</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The target.</returns>
    ValueTask<PackageTarget?> GetTargetAsync(string organization, CancellationToken cancellationToken);

    /// <summary>Every organization's target, by organization.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The targets.</returns>
    ValueTask<IReadOnlyList<PackageTarget>> ListTargetsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the rollout of the organization's target as one compare-and-swap: only while the target is still
    /// <paramref name="version"/> and its rollout still has the stage, halted reason and change time of
    /// <paramref name="previous"/>, so that a widen decided on a stale read never overwrites an operator's halt.
    /// </summary>
    /// <param name="organization">The organization.</param>
    /// <param name="version">The target version the rollout was decided for.</param>
    /// <param name="previous">The rollout the change was decided from, as read.</param>
    /// <param name="rollout">The new rollout state.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when replaced; <see langword="false"/> when the target or its rollout changed meanwhile (read it again).</returns>
    ValueTask<bool> UpdateRolloutAsync(string organization, string version, PackageRollout previous, PackageRollout rollout, CancellationToken cancellationToken);

    /// <summary>Records a terminal's package state, replacing the previous one for that organization, terminal and package.</summary>
    /// <param name="status">The state.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask RecordTerminalAsync(TerminalPackageStatus status, CancellationToken cancellationToken);

    /// <summary>A terminal's package state, or <see langword="null"/>.</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="terminalId">The terminal.</param>
    /// <param name="packageId">The package.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The state.</returns>
    ValueTask<TerminalPackageStatus?> GetTerminalAsync(string organization, string terminalId, string packageId, CancellationToken cancellationToken);

    /// <summary>The package states of an organization's terminals, by terminal id; <paramref name="packageId"/> narrows them to one package.</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="packageId">Only this package's, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The states.</returns>
    ValueTask<IReadOnlyList<TerminalPackageStatus>> ListTerminalsAsync(string organization, string? packageId, CancellationToken cancellationToken);
}
