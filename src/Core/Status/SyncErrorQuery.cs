namespace PosFleet.Status;

/// <summary>
/// Which of a terminal's sync errors to read (<see cref="IStatusBoard.GetSyncErrorsAsync"/>): newest first, in keyset
/// pages, only those recorded for organizations the viewer may see.
/// </summary>
public sealed record SyncErrorQuery
{
    /// <summary>The terminal whose errors are read. Required.</summary>
    public required string TerminalId { get; init; }

    /// <summary>Only the errors recorded for this organization (nothing when the viewer may not see it), or <see langword="null"/> for every organization the viewer may see.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Organization { get; init; }

    /// <summary>The most errors in a page (1 to 1,000).</summary>
    /// <value>The default value is 50.</value>
    public int Limit { get; init; } = 50;

    /// <summary>The <see cref="SyncErrorPage.Next"/> cursor of the previous page, or <see langword="null"/> for the newest errors.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? After { get; init; }

    /// <summary>Throws when a value is out of range, naming it.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(TerminalId) || TerminalId.Length > 200)
        {
            throw new ArgumentException("SyncErrorQuery.TerminalId is required and takes at most 200 characters.", nameof(TerminalId));
        }

        if (Organization is { Length: > 200 })
        {
            throw new ArgumentException("SyncErrorQuery.Organization takes at most 200 characters.", nameof(Organization));
        }

        if (Limit is < 1 or > 1000)
        {
            throw new ArgumentException($"SyncErrorQuery.Limit is {Limit}; use 1 to 1,000.", nameof(Limit));
        }

        if (After is not null && !SyncErrorCursor.TryParse(After, out _))
        {
            throw new ArgumentException("SyncErrorQuery.After is not a cursor of the sync errors: pass a SyncErrorPage.Next unchanged.", nameof(After));
        }
    }
}
