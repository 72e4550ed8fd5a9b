namespace PosFleet.Updates;

/// <summary>Fetches packages from <c>file:</c> locations (a share the terminals read); PosFleet.Connectors.Http adds <c>https:</c>.</summary>
internal sealed class FilePackageFetcher : IPackageFetcher
{
    public ValueTask<Stream> OpenAsync(PackageOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (!offer.Location.IsFile)
        {
            throw new NotSupportedException($"'{offer.Location.Scheme}:' locations need a fetcher for them, such as UseHttpPackageFetcher from PosFleet.Connectors.Http; this one reads file: locations only.");
        }

        return ValueTask.FromResult<Stream>(new FileStream(offer.Location.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
    }
}
