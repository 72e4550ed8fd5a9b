namespace PosFleet.Updates;

/// <summary>A package the back office published: what a terminal downloads, checks and hands to its installer.</summary>
public sealed record PackageRelease
{
    /// <summary>The package's id, such as <c>pos</c>: a terminal installs the package its <see cref="PackageUpdatesOptions.PackageId"/> names.</summary>
    public required string PackageId { get; init; }

    /// <summary>The version, numbers separated by dots (<c>35</c>, <c>35.1.2</c>), compared as a version.</summary>
    public required string Version { get; init; }

    /// <summary>The channel it was published on, such as <c>stable</c> or <c>beta</c>.</summary>
    /// <value>The default value is <c>stable</c>.</value>
    public string Channel { get; init; } = "stable";

    /// <summary>Its size in bytes; a download of another size is refused.</summary>
    public required long Size { get; init; }

    /// <summary>The SHA-256 of its bytes, 64 lowercase hexadecimal digits; a download with another hash is refused and never installed.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Where a terminal fetches it (<c>https:</c>, or <c>file:</c> for a share the terminals can read).</summary>
    public required Uri Location { get; init; }

    /// <summary>When it was published.</summary>
    public DateTimeOffset PublishedAt { get; init; }
}
