namespace PosFleet.Updates;

/// <summary>
/// Installs a verified package, implemented by the terminal host (required by <c>AddPackageUpdates</c>). Runs only
/// when the gate is open, inside the maintenance window, after the policy's question, and once the download's
/// SHA-256 matched. Returning means installed; an exception means failed, its message reported to the back office.
/// </summary>
public interface IPackageInstaller
{
    /// <summary>Installs the package.</summary>
    /// <param name="request">The offer and the verified file.</param>
    /// <param name="cancellationToken">Cancels the installation.</param>
    /// <returns>A task that completes when installed.</returns>
    ValueTask InstallAsync(PackageInstallRequest request, CancellationToken cancellationToken);
}
