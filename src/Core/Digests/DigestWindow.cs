namespace PosFleet.Digests;

/// <summary>The interval a digest covers: entries at or after <paramref name="Start"/> and before <paramref name="End"/> (UTC instants).</summary>
/// <param name="Start">The first instant covered.</param>
/// <param name="End">The instant just after the window; for scheduled digests, the send time.</param>
public readonly record struct DigestWindow(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>How long the window is.</summary>
    public TimeSpan Duration => End - Start;
}
