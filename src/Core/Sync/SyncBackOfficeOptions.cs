namespace PosFleet.Sync;

/// <summary>How the back office handles the exchanges of its terminals; checked at start-up.</summary>
public sealed class SyncBackOfficeOptions
{
    /// <summary>The lowest protocol version accepted (<see cref="Exchange.SyncRequest.ProtocolVersion"/>).</summary>
    /// <value>The default value is 1.</value>
    public int MinimumProtocolVersion { get; set; } = 1;

    /// <summary>
    /// The lowest application version accepted, such as <c>34</c> (seed 004: "only POS servers version 34 and later"),
    /// compared as a version (<c>34.2</c> is after <c>34</c>, <c>100</c> after <c>34</c>); a terminal below it, or whose
    /// version cannot be read as one, is refused with a reason it logs and reports.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: every version is accepted.</value>
    public string? MinimumApplicationVersion { get; set; }

    /// <summary>The interval the back office suggests to its terminals in every response, or <see langword="null"/> to let them keep their own.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? SuggestedInterval { get; set; }

    /// <summary>The most outbox messages accepted in one request; a larger batch is refused as a bad request.</summary>
    /// <value>The default value is 1000.</value>
    public int MaxBatchMessages { get; set; } = 1000;

    /// <summary>
    /// How long the record of an applied message is kept. A message sent again after that would be applied again, so
    /// this must outlast the longest time a terminal may stay offline (at least 1 day).
    /// </summary>
    /// <value>The default value is 30 days.</value>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the records older than <see cref="InboxRetention"/> are deleted.</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);
}
