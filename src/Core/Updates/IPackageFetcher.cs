namespace PosFleet.Updates;

/// <summary>
/// Fetches an offered package's bytes. Core registers one for <c>file:</c> locations; PosFleet.Connectors.Http adds
/// <c>https:</c> (<c>UseHttpPackageFetcher</c>). The updater checks the size and SHA-256 of what it reads, never the fetcher.
/// </summary>
public interface IPackageFetcher
{
    /// <summary>Opens the package's bytes for reading; the caller disposes the stream.</summary>
    /// <param name="offer">The offer, with its <see cref="PackageOffer.Location"/>.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The stream of its bytes.</returns>
    ValueTask<Stream> OpenAsync(PackageOffer offer, CancellationToken cancellationToken);
}
