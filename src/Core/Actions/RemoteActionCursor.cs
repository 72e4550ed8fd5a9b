using System.Globalization;

namespace PosFleet.Actions;

/// <summary>
/// The keyset cursor of <see cref="RemoteActionQuery.After"/>: the creation time and id of the last action of a page.
/// Lists are ordered by creation time, then id (its canonical text, ordinal), both descending.
/// </summary>
public static class RemoteActionCursor
{
    /// <summary>The cursor after <paramref name="action"/>.</summary>
    /// <param name="action">The last action of a page.</param>
    /// <returns>The cursor.</returns>
    public static string Of(RemoteAction action) => action is null ? throw new ArgumentNullException(nameof(action)) :
        string.Create(CultureInfo.InvariantCulture, $"{action.CreatedAt.UtcTicks}_{action.Id:N}");

    /// <summary>Reads a cursor.</summary>
    /// <param name="text">The cursor, or <see langword="null"/> for the first page.</param>
    /// <param name="ticks">The creation time's UTC ticks.</param>
    /// <param name="id">The id.</param>
    /// <returns><see langword="false"/> when <paramref name="text"/> is <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException">The text is not a cursor.</exception>
    public static bool TryParse(string? text, out long ticks, out Guid id)
    {
        ticks = 0;
        id = Guid.Empty;
        if (text is null)
        {
            return false;
        }

        var split = text.IndexOf('_', StringComparison.Ordinal);
        if (split <= 0 || !long.TryParse(text.AsSpan(0, split), NumberStyles.None, CultureInfo.InvariantCulture, out ticks) || !Guid.TryParseExact(text.AsSpan(split + 1), "N", out id))
        {
            throw new ArgumentException($"'{text}' is not a cursor of this list: pass the Next of the previous page.", nameof(text));
        }

        return true;
    }

    /// <summary>Whether <paramref name="action"/> comes after the cursor in newest-first order.</summary>
    /// <param name="action">The action.</param>
    /// <param name="ticks">The cursor's creation time.</param>
    /// <param name="id">The cursor's id.</param>
    /// <returns><see langword="true"/> when it belongs to a later page.</returns>
    public static bool IsAfter(RemoteAction action, long ticks, Guid id)
    {
        ArgumentNullException.ThrowIfNull(action);
        var t = action.CreatedAt.UtcTicks;
        return t < ticks || (t == ticks && string.CompareOrdinal(action.Id.ToString("N"), id.ToString("N")) < 0);
    }
}
