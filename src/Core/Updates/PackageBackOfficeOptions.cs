namespace PosFleet.Updates;

/// <summary>The back office's package updates: the rollout a target gets when none is given; checked at start-up.</summary>
public sealed class PackageBackOfficeOptions
{
    /// <summary>The stages of a rollout, in percent of an organization's terminals: growing, each 1 to 100, the last 100.</summary>
    /// <value>The default value is 10, 50, 100.</value>
    public IList<int> Stages { get; } = [10, 50, 100];

    /// <summary>The share (more than 0, at most 1) of a stage's terminals that must have installed or declined before the next stage starts.</summary>
    /// <value>The default value is 0.8.</value>
    public double WidenAt { get; set; } = 0.8;

    /// <summary>The share (0 to 1) of a stage's terminals that may fail before the rollout halts.</summary>
    /// <value>The default value is 0.2.</value>
    public double FailureThreshold { get; set; } = 0.2;
}
