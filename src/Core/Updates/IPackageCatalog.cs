namespace PosFleet.Updates;

/// <summary>
/// The back office's package updates (registered by <c>AddPackageBackOffice</c>): publish packages, set an
/// organization's target, follow and steer its staged rollout. Offers go out in the sync exchange.
/// </summary>
public interface IPackageCatalog
{
    /// <summary>
    /// Publishes a release. Publishing the same one again changes nothing; the same size and SHA-256 at a new location
    /// (a renewed signed URL, a new password) replaces the location; other content with the same id and version is refused.
    /// </summary>
    /// <param name="release">The release; its version must read as a version and its SHA-256 be 64 hexadecimal digits.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when added or its location renewed, <see langword="false"/> when the same release was already published.</returns>
    /// <exception cref="ArgumentException">The release is not valid (the message says which field).</exception>
    /// <exception cref="InvalidOperationException">Another release with that id and version, of other size, SHA-256 or channel, exists.</exception>
    ValueTask<bool> PublishAsync(PackageRelease release, CancellationToken cancellationToken = default);

    /// <summary>Sets the organization's target to a published release, starting its rollout at the first stage.</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="packageId">The package.</param>
    /// <param name="version">The version, published.</param>
    /// <param name="rollout">The stages and thresholds, or <see langword="null"/> for <see cref="PackageBackOfficeOptions"/>'s.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The target.</returns>
    /// <exception cref="InvalidOperationException">No such release was published.</exception>
    ValueTask<PackageTarget> SetTargetAsync(string organization, string packageId, string version, PackageRollout? rollout = null, CancellationToken cancellationToken = default);

    /// <summary>The organization's rollout, or <see langword="null"/> when it has no target.</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rollout.</returns>
    ValueTask<PackageRolloutView?> GetRolloutAsync(string organization, CancellationToken cancellationToken = default);

    /// <summary>Halts the organization's rollout: nothing more is offered until it is resumed.</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="reason">Why, shown with the rollout.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The target, or <see langword="null"/> when the organization has none.</returns>
    ValueTask<PackageTarget?> HaltAsync(string organization, string reason, CancellationToken cancellationToken = default);

    /// <summary>Resumes a halted rollout at its stage.</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The target, or <see langword="null"/> when the organization has none.</returns>
    ValueTask<PackageTarget?> ResumeAsync(string organization, CancellationToken cancellationToken = default);

    /// <summary>Moves the rollout to its next stage now, without waiting for the current stage's results.</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The target, or <see langword="null"/> when the organization has none.</returns>
    ValueTask<PackageTarget?> WidenAsync(string organization, CancellationToken cancellationToken = default);
}
