using System.Globalization;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>The keyset cursor of a page: the UTC ticks and the row id of the last entry returned.</summary>
internal static class SqliteCursor
{
    public static string Encode(long utcTicks, long id) => string.Create(CultureInfo.InvariantCulture, $"{utcTicks:x}.{id:x}");

    public static (long UtcTicks, long Id) Decode(string cursor)
    {
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0
            && long.TryParse(cursor.AsSpan(0, dot), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var ticks)
            && long.TryParse(cursor.AsSpan(dot + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
        {
            return (ticks, id);
        }

        throw new ArgumentException($"'{cursor}' is not a cursor of this store: pass the Next value of the previous page.", nameof(cursor));
    }
}
