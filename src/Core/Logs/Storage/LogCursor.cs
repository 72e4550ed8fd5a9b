using System.Globalization;

namespace PosFleet.Logs.Storage;

/// <summary>The keyset cursor of a page: the UTC ticks and the sequence number (a row id, in a database) of the last entry returned; shared by the in-memory and SQLite stores.</summary>
internal static class LogCursor
{
    public static string Encode(long utcTicks, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{utcTicks:x}.{sequence:x}");

    public static (long UtcTicks, long Sequence) Decode(string cursor)
    {
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0
            && long.TryParse(cursor.AsSpan(0, dot), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var ticks)
            && long.TryParse(cursor.AsSpan(dot + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var sequence))
        {
            return (ticks, sequence);
        }

        throw new ArgumentException($"'{cursor}' is not a cursor of this store: pass the Next value of the previous page.", nameof(cursor));
    }
}
