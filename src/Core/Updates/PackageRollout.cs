namespace PosFleet.Updates;

/// <summary>
/// A staged rollout: the share of the organization's terminals offered the target grows stage by stage
/// (<see cref="Stages"/>, in percent), widened when enough of the current stage installed it (<see cref="WidenAt"/>),
/// and halted when failures pass <see cref="FailureThreshold"/>. The terminals of a stage are chosen
/// deterministically: ranked by a hash of organization, package, version and terminal id.
/// </summary>
public sealed record PackageRollout
{
    /// <summary>The stages, in percent of the organization's enrolled terminals, growing, the last one 100.</summary>
    /// <value>The default value is 10, 50, 100.</value>
    public IReadOnlyList<int> Stages { get; init; } = [10, 50, 100];

    /// <summary>The index of the current stage in <see cref="Stages"/>.</summary>
    /// <value>The default value is 0.</value>
    public int Stage { get; init; }

    /// <summary>The share (0 to 1) of the current stage's terminals that must have installed or declined before the next stage starts.</summary>
    /// <value>The default value is 0.8.</value>
    public double WidenAt { get; init; } = 0.8;

    /// <summary>The share (0 to 1) of the current stage's terminals that may fail (installer failed, package rejected); past it the rollout halts.</summary>
    /// <value>The default value is 0.2.</value>
    public double FailureThreshold { get; init; } = 0.2;

    /// <summary>Why the rollout was halted (nothing more is offered until it is resumed), or <see langword="null"/> while it runs.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? HaltedReason { get; init; }

    /// <summary>When the stage or the halt last changed.</summary>
    public DateTimeOffset ChangedAt { get; init; }

    /// <summary>Whether the rollout is halted.</summary>
    public bool IsHalted => HaltedReason is not null;

    /// <summary>The current stage's share, in percent.</summary>
    public int CurrentShare => Stages.Count == 0 ? 100 : Stages[Math.Clamp(Stage, 0, Stages.Count - 1)];
}
