namespace PosFleet.Updates;

/// <summary>A downloaded package whose size and SHA-256 matched the offer, handed to the installer.</summary>
public sealed record PackageInstallRequest
{
    /// <summary>The offer.</summary>
    public required PackageOffer Offer { get; init; }

    /// <summary>The verified file; deleted once the installer returns.</summary>
    public required string FilePath { get; init; }
}
