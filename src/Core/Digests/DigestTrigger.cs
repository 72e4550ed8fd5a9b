namespace PosFleet.Digests;

/// <summary>What started a run.</summary>
public enum DigestTrigger
{
    /// <summary>The daily send time of the subscription.</summary>
    Scheduled = 0,

    /// <summary>A window missed while the host was down, run when it started again.</summary>
    CatchUp = 1,

    /// <summary>An operator's on-demand audit.</summary>
    OnDemand = 2,
}
