namespace PosFleet.Digests;

/// <summary>What to do, when a host starts, with the windows whose send time passed while it was down.</summary>
public enum DigestCatchUp
{
    /// <summary>Send only the most recent missed window (the default: one late digest rather than a burst).</summary>
    LatestOnly = 0,

    /// <summary>Send every missed window, oldest first, up to <see cref="DigestOptions.MaxCatchUpWindows"/>.</summary>
    All = 1,

    /// <summary>Send none: wait for the next send time.</summary>
    None = 2,
}
