namespace PosFleet.Updates;

/// <summary>
/// Asks the till's user whether to install a package (a dialog on the till), implemented by the terminal host.
/// Called under <see cref="PackageConfirmationPolicy.Always"/> and, for the first package, <see cref="PackageConfirmationPolicy.Once"/>;
/// required then: without one, an offer is deferred.
/// </summary>
public interface IPackageConfirmation
{
    /// <summary>Asks; the answer goes back to the back office.</summary>
    /// <param name="request">The package and the policy.</param>
    /// <param name="cancellationToken">Cancels the question (the host stopping); the offer comes again.</param>
    /// <returns>The answer.</returns>
    ValueTask<PackageConfirmationAnswer> ConfirmAsync(PackageConfirmationRequest request, CancellationToken cancellationToken);
}
