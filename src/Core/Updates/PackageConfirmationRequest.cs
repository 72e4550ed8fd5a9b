namespace PosFleet.Updates;

/// <summary>What the till shows when it asks whether to install a package.</summary>
public sealed record PackageConfirmationRequest
{
    /// <summary>The package offered.</summary>
    public required PackageOffer Offer { get; init; }

    /// <summary>The version the terminal runs, or <see langword="null"/>.</summary>
    public string? InstalledVersion { get; init; }

    /// <summary>The policy that asks: with <see cref="PackageConfirmationPolicy.Once"/>, the dialog can say the next packages will install unattended.</summary>
    public required PackageConfirmationPolicy Policy { get; init; }
}
