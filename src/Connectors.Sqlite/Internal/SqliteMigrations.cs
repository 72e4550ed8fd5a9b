using System.Globalization;
using System.Reflection;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>The schema migrations, numbered in their file names (<c>0001_logs.sql</c>), in increasing order, and embedded in the assembly.</summary>
internal static class SqliteMigrations
{
    private const string Prefix = "PosFleet.Connectors.Sqlite.Migrations.";

    /// <summary>Every migration in order: its number (the <c>user_version</c> it leads to) and its SQL.</summary>
    public static IReadOnlyList<(int Version, string Sql)> All { get; } = Load();

    /// <summary>The schema version this build writes.</summary>
    public static int Latest => All[^1].Version;

    private static List<(int Version, string Sql)> Load()
    {
        var assembly = typeof(SqliteMigrations).Assembly;
        var migrations = new List<(int, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = name[Prefix.Length..];
            var version = int.Parse(file.AsSpan(0, file.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            migrations.Add((version, reader.ReadToEnd()));
        }

        // Numbers only grow. One may be missing while the capability that reserved it is written on another branch;
        // every number is filled before a release, since a file past a number never runs the migration that later takes it.
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Item1 <= (i == 0 ? 0 : migrations[i - 1].Item1))
            {
                throw new InvalidOperationException($"The SQLite migrations are not numbered 1, 2, 3 … in increasing order: found {migrations[i].Item1} at place {i + 1}.");
            }
        }

        return migrations;
    }

    /// <summary>The embedded resource names, so that a test can check none was left out of the build.</summary>
    internal static IEnumerable<string> ResourceNames(Assembly assembly) => assembly.GetManifestResourceNames();
}
