using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace PosFleet.Status;

/// <summary>
/// The keyset cursor of a terminal's sync errors: the last error's receipt instant (UTC ticks) and the store's sequence
/// number for it (ties of one instant), opaque to callers (base64url). The next page holds the errors before it.
/// </summary>
internal readonly record struct SyncErrorCursor(long ReceivedAtTicks, long Sequence)
{
    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"e1\u001f{ReceivedAtTicks}\u001f{Sequence}")));

    public static bool TryParse(string? text, out SyncErrorCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 200)
        {
            return false;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('\u001f');
            if (parts.Length != 3 || parts[0] != "e1"
                || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks)
                || !long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var sequence))
            {
                return false;
            }

            cursor = new(ticks, sequence);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The next page's cursor when more than <paramref name="limit"/> were read (one extra row is read to know), else <see langword="null"/>.</summary>
    public static string? Next<T>(List<T> rows, int limit, Func<T, SyncErrorCursor> key) =>
        rows.Count > limit ? key(rows[limit - 1]).ToString() : null;
}
