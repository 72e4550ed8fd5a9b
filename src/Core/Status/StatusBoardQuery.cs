namespace PosFleet.Status;

/// <summary>
/// The filters of the status board (seed 004): organization, "most recent update within", "do not show successfully
/// synced terminals", health and text; the order and a page. The organizations a viewer may see are not part of it:
/// they come from <see cref="StatusBoardAccess"/>, so a query can never widen them.
/// </summary>
public sealed record StatusBoardQuery
{
    /// <summary>Only this organization's terminals (nothing when the viewer may not see it), or <see langword="null"/> for every organization the viewer may see.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Organization { get; init; }

    /// <summary>Only terminals whose status was updated (a heartbeat received) within this period before now, such as 2 hours or 7 days.</summary>
    /// <value>The default value is <see langword="null"/>: any time.</value>
    public TimeSpan? UpdatedWithin { get; init; }

    /// <summary>Do not show successfully synced terminals: only those whose last exchange failed.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool HideSynced { get; init; }

    /// <summary>Only terminals of these healths, or <see langword="null"/> (or empty) for all.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyCollection<TerminalHealth>? Health { get; init; }

    /// <summary>Only terminals whose id, organization, version or last error contains this text (ASCII letters compared without case).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Text { get; init; }

    /// <summary>The order of the rows.</summary>
    /// <value>The default value is <see cref="StatusBoardSort.Organization"/>.</value>
    public StatusBoardSort Sort { get; init; } = StatusBoardSort.Organization;

    /// <summary>The most rows in a page (1 to 10,000).</summary>
    /// <value>The default value is 100.</value>
    public int Limit { get; init; } = 100;

    /// <summary>The <see cref="StatusBoardPage.Next"/> cursor of the previous page, or <see langword="null"/> for the first page. A cursor holds for the sort it was made with.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? After { get; init; }

    /// <summary>The instant the board is drawn at (health and "updated within" are judged against it), or <see langword="null"/> for now.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>Throws when a value is out of range, naming it.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (Limit is < 1 or > 10_000)
        {
            throw new ArgumentException($"StatusBoardQuery.Limit is {Limit}; use 1 to 10,000.", nameof(Limit));
        }

        if (UpdatedWithin is { } within && within <= TimeSpan.Zero)
        {
            throw new ArgumentException($"StatusBoardQuery.UpdatedWithin is {within}; it must be more than zero.", nameof(UpdatedWithin));
        }

        if (!Enum.IsDefined(Sort))
        {
            throw new ArgumentException($"StatusBoardQuery.Sort {(int)Sort} is not a StatusBoardSort.", nameof(Sort));
        }

        if (Text is { Length: > 200 } || Organization is { Length: > 200 })
        {
            throw new ArgumentException("StatusBoardQuery.Text and Organization take at most 200 characters.", nameof(Text));
        }

        if (After is null)
        {
            return;
        }

        if (!StatusBoardCursor.TryParse(After, out var cursor))
        {
            throw new ArgumentException("StatusBoardQuery.After is not a cursor of the status board: pass a StatusBoardPage.Next unchanged.", nameof(After));
        }

        if (cursor.Sort != Sort)
        {
            throw new ArgumentException($"StatusBoardQuery.After was made for the sort {cursor.Sort}, not {Sort}: start again from the first page.", nameof(After));
        }
    }
}
