namespace PosFleet.Updates;

/// <summary>The version an organization's terminals should run, and how far its rollout has gone.</summary>
public sealed record PackageTarget
{
    /// <summary>The organization.</summary>
    public required string Organization { get; init; }

    /// <summary>The package's id.</summary>
    public required string PackageId { get; init; }

    /// <summary>The target version (a published <see cref="PackageRelease"/>).</summary>
    public required string Version { get; init; }

    /// <summary>When the target was set.</summary>
    public DateTimeOffset SetAt { get; init; }

    /// <summary>The staged rollout: its stages, the current one, halted or not.</summary>
    public required PackageRollout Rollout { get; init; }
}
