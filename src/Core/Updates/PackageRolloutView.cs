namespace PosFleet.Updates;

/// <summary>An organization's rollout as the back office shows it: the target and each enrolled terminal.</summary>
public sealed record PackageRolloutView
{
    /// <summary>The target with its rollout state (stage, halted and why).</summary>
    public required PackageTarget Target { get; init; }

    /// <summary>The organization's active terminals in rollout order.</summary>
    public required IReadOnlyList<PackageRolloutTerminal> Terminals { get; init; }

    /// <summary>How many terminals run the target version or a newer one.</summary>
    public int Installed { get; init; }

    /// <summary>How many failed it (installer failed or package rejected).</summary>
    public int Failed { get; init; }

    /// <summary>How many declined it.</summary>
    public int Declined { get; init; }
}
