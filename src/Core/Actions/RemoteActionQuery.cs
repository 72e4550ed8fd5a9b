namespace PosFleet.Actions;

/// <summary>A page of an organization's actions (or one terminal's), newest first.</summary>
public sealed record RemoteActionQuery
{
    /// <summary>The largest <see cref="Limit"/> a store accepts.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The organization; actions of other organizations are never listed.</summary>
    public required string Organization { get; init; }

    /// <summary>Only this terminal's actions, or <see langword="null"/> for the whole organization.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? TerminalId { get; init; }

    /// <summary>Pending, done or all.</summary>
    /// <value>The default value is <see cref="RemoteActionList.All"/>.</value>
    public RemoteActionList List { get; init; } = RemoteActionList.All;

    /// <summary>The most actions in the page, from 1 to <see cref="MaxLimit"/>; a store throws <see cref="ArgumentOutOfRangeException"/> outside.</summary>
    /// <value>The default value is 50.</value>
    public int Limit { get; init; } = 50;

    /// <summary>The <see cref="RemoteActionPage.Next"/> of the previous page (keyset paging), or <see langword="null"/> for the first.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? After { get; init; }
}
