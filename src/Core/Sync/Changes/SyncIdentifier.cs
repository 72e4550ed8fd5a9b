namespace PosFleet.Sync.Changes;

/// <summary>
/// The SQL identifiers a host may declare: ASCII letters, digits and underscores, not starting with a digit, at most
/// 64 characters, and not SQLite's or PosFleet's own (<c>sqlite_</c>, <c>sync_</c>, <c>posfleet_</c>). Quoted as well whenever used, so
/// a name can never carry SQL.
/// </summary>
internal static class SyncIdentifier
{
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsReserved(string name) =>
        name.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("sync_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("posfleet_", StringComparison.OrdinalIgnoreCase);

    /// <summary>The identifier in double quotes; throws for one that <see cref="IsValid"/> refuses (the validator ran first).</summary>
    public static string Quote(string name) => IsValid(name)
        ? "\"" + name + "\""
        : throw new ArgumentException($"'{name}' is not a valid table or column name: use letters, digits and underscores.", nameof(name));
}
