namespace PosFleet.Digests;

/// <summary>A request to claim a run before counting and sending it.</summary>
/// <param name="Key">The subscription and window.</param>
/// <param name="Trigger">What starts the run.</param>
/// <param name="Owner">Who claims it (a host id unique per process).</param>
/// <param name="Now">The current time.</param>
/// <param name="LeaseUntil">Until when the claim holds if the owner never records an outcome (it crashed).</param>
/// <param name="Recipients">The recipients, when the run is new.</param>
/// <param name="Threshold">The threshold, when the run is new.</param>
public sealed record DigestRunClaim(
    DigestRunKey Key,
    DigestTrigger Trigger,
    string Owner,
    DateTimeOffset Now,
    DateTimeOffset LeaseUntil,
    IReadOnlyList<string> Recipients,
    int Threshold);
