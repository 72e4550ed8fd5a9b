using System.Globalization;
using System.Reflection;

namespace PosFleet;

/// <summary>
/// Reads a connector's numbered schema migrations (<c>0001_logs.sql</c> …) from its embedded resources and checks that
/// they run 1, 2, 3 … without gaps. One copy for every store engine: the SQLite and PostgreSQL connectors link this
/// file into their assemblies; what differs per engine (how the version is kept and applied) stays with them.
/// </summary>
internal static class EmbeddedMigrations
{
    /// <summary>Every migration under <paramref name="prefix"/> in <paramref name="assembly"/>, in order: its number and its SQL.</summary>
    /// <param name="assembly">The connector's assembly.</param>
    /// <param name="prefix">The resources' logical name prefix, such as <c>PosFleet.Connectors.Sqlite.Migrations.</c>.</param>
    /// <param name="engine">The engine's name for the error message, such as <c>SQLite</c>.</param>
    /// <returns>The migrations.</returns>
    public static List<(int Version, string Sql)> Load(Assembly assembly, string prefix, string engine)
    {
        var migrations = new List<(int, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = name[prefix.Length..];
            var version = int.Parse(file.AsSpan(0, file.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            migrations.Add((version, reader.ReadToEnd()));
        }

        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Item1 != i + 1)
            {
                throw new InvalidOperationException($"The {engine} migrations are not numbered 1, 2, 3 … without gaps: found {migrations[i].Item1} at place {i + 1}.");
            }
        }

        return migrations;
    }
}
