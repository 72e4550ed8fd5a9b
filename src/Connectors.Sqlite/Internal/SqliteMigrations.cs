using System.Reflection;
using System.Text.RegularExpressions;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// The schema migrations, numbered in their file names (<c>0001_logs.sql</c>) and embedded in the assembly. The version
/// a file is at is kept in PosFleet's own table <see cref="VersionTable"/>, not in <c>PRAGMA user_version</c>, which
/// belongs to the host when PosFleet shares the host's database file.
/// </summary>
internal static partial class SqliteMigrations
{
    /// <summary>The table holding the schema version (one row).</summary>
    public const string VersionTable = "posfleet_schema";

    private const string Prefix = "PosFleet.Connectors.Sqlite.Migrations.";

    /// <summary>Every migration in order: its number (the schema version it leads to) and its SQL.</summary>
    public static IReadOnlyList<(int Version, string Sql)> All { get; } = Load();

    /// <summary>The schema version this build writes.</summary>
    public static int Latest => All[^1].Version;

    private static List<(int Version, string Sql)> Load() => EmbeddedMigrations.Load(typeof(SqliteMigrations).Assembly, Prefix, "SQLite");

    /// <summary>
    /// The objects the migrations after <paramref name="version"/> create that are not PosFleet's already, with their
    /// kind. A name created with <c>IF NOT EXISTS</c> in a file already at a version of ours is PosFleet's own (0006
    /// adopts the change tables that earlier builds created at start-up), so it is left out then.
    /// </summary>
    public static IEnumerable<(string Kind, string Name)> CreatedAfter(int version)
    {
        // A name an applied migration created is ours already, even when a later one drops and creates it again (0004).
        var ours = All.Where(m => m.Version <= version)
            .SelectMany(m => CreateStatement().Matches(m.Sql).Select(match => match.Groups["name"].Value))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, sql) in All.Where(m => m.Version > version))
        {
            foreach (Match match in CreateStatement().Matches(sql))
            {
                if ((version > 0 && match.Groups["ifnotexists"].Success) || ours.Contains(match.Groups["name"].Value))
                {
                    continue;
                }

                var kind = match.Groups["kind"].Value.ToUpperInvariant();
                yield return (match.Groups["virtual"].Success ? "virtual table" : kind.ToLowerInvariant(), match.Groups["name"].Value);
            }
        }
    }

    [GeneratedRegex(@"^\s*CREATE\s+(?:UNIQUE\s+)?(?<virtual>VIRTUAL\s+)?(?<kind>TABLE|INDEX|TRIGGER|VIEW)\s+(?<ifnotexists>IF\s+NOT\s+EXISTS\s+)?""?(?<name>\w+)""?", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreateStatement();

    /// <summary>The embedded resource names, so that a test can check none was left out of the build.</summary>
    internal static IEnumerable<string> ResourceNames(Assembly assembly) => assembly.GetManifestResourceNames();
}
