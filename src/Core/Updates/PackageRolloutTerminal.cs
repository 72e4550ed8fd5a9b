namespace PosFleet.Updates;

/// <summary>One enrolled terminal in an organization's rollout: whether its stage has reached it and what it reported.</summary>
public sealed record PackageRolloutTerminal
{
    /// <summary>The terminal.</summary>
    public required string TerminalId { get; init; }

    /// <summary>Its place in the deterministic order of the rollout (0 first).</summary>
    public int Rank { get; init; }

    /// <summary>Whether the current stage includes it (it is offered the target).</summary>
    public bool Selected { get; init; }

    /// <summary>What it reported, or <see langword="null"/> when it has not reported yet.</summary>
    public TerminalPackageStatus? Status { get; init; }
}
