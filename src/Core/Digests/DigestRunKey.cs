namespace PosFleet.Digests;

/// <summary>
/// Identifies one run in the ledger: a subscription and a window. There is at most one digest per key; test-mode runs
/// carry a <paramref name="TestId"/> so that they never take the place of the window's digest.
/// </summary>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="WindowStart">The start of the window (UTC).</param>
/// <param name="WindowEnd">The end of the window (UTC).</param>
/// <param name="TestId">For a test-mode run, what makes it distinct; <see langword="null"/> for the window's digest.</param>
public sealed record DigestRunKey(string SubscriptionId, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string? TestId = null)
{
    /// <summary>Whether this is a test-mode run.</summary>
    public bool IsTest => TestId is not null;

    /// <summary>The window.</summary>
    public DigestWindow Window => new(WindowStart, WindowEnd);

    /// <summary>
    /// The same text every time this run is sent, on any host: notifiers derive the e-mail <c>Message-Id</c> from it,
    /// so that a resend after a crash between "accepted" and "recorded" is recognisable.
    /// </summary>
    public string IdempotencyKey =>
        $"posfleet-digest/{SubscriptionId}/{WindowStart.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}/{WindowEnd.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}"
        + (TestId is null ? "" : "/test/" + TestId);
}
