using System.Security.Cryptography;

namespace PosFleet.Updates;

internal sealed partial class PackageUpdater
{
    /// <summary>
    /// Fetches the package into <paramref name="file"/>, hashing as it writes and reading no more than one byte past
    /// the published size; <see langword="null"/> when the size and SHA-256 are the offer's, otherwise why not.
    /// </summary>
    private async ValueTask<(PackageOutcome Outcome, string Detail)?> DownloadAsync(PackageOffer offer, string file, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        try
        {
            var source = await fetcher.OpenAsync(offer, cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                var target = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await using (target.ConfigureAwait(false))
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        size += read;
                        if (size > offer.Size)
                        {
                            return (PackageOutcome.Rejected, $"The download is larger than the published {offer.Size} bytes: not installed.");
                        }

                        hash.AppendData(buffer, 0, read);
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The address without its user information or query: a signed URL's token or a password stays off the report,
            // which the back office stores and shows, and off the logs.
            return (PackageOutcome.DownloadFailed, $"The package could not be fetched from {DisplayText.Address(offer.Location)}: {ex.Message}");
        }

        if (size != offer.Size)
        {
            return (PackageOutcome.Rejected, $"The download is {size} bytes; the back office published {offer.Size}: not installed.");
        }

        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        return string.Equals(actual, offer.Sha256, StringComparison.OrdinalIgnoreCase)
            ? null
            : (PackageOutcome.Rejected, $"The download's SHA-256 is {actual}; the back office published {offer.Sha256.ToLowerInvariant()}: a damaged or tampered package, not installed.");
    }
}
