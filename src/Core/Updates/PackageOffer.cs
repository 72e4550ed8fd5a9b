namespace PosFleet.Updates;

/// <summary>
/// A package the back office offers a terminal in a <see cref="Sync.Exchange.SyncResponse"/>: its organization's target,
/// once the terminal is in the rollout's current stage, runs an older version and has not declined or failed this one.
/// </summary>
public sealed record PackageOffer
{
    /// <summary>The package's id.</summary>
    public required string PackageId { get; init; }

    /// <summary>The version offered.</summary>
    public required string Version { get; init; }

    /// <summary>The channel it was published on.</summary>
    /// <value>The default value is <c>stable</c>.</value>
    public string Channel { get; init; } = "stable";

    /// <summary>Its size in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>The SHA-256 its bytes must have, 64 lowercase hexadecimal digits.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Where to fetch it.</summary>
    public required Uri Location { get; init; }

    /// <summary>The offer of <paramref name="release"/>.</summary>
    /// <param name="release">The published package.</param>
    /// <returns>The offer.</returns>
    public static PackageOffer From(PackageRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return new()
        {
            PackageId = release.PackageId,
            Version = release.Version,
            Channel = release.Channel,
            Size = release.Size,
            Sha256 = release.Sha256,
            Location = release.Location,
        };
    }
}
