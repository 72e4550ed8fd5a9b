namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>The schema migrations, numbered in their file names (<c>0001_logs.sql</c>) and embedded in the assembly.</summary>
internal static class PostgreSqlMigrations
{
    /// <summary>The table holding the schema version (one row).</summary>
    public const string VersionTable = "posfleet_schema";

    /// <summary>The advisory lock key every instance takes while it migrates: "PosFleet" in ASCII.</summary>
    public const long LockKey = 0x506F73466C656574;

    private const string Prefix = "PosFleet.Connectors.PostgreSql.Migrations.";

    /// <summary>Every migration in order: its number (the schema version it leads to) and its SQL.</summary>
    public static IReadOnlyList<(int Version, string Sql)> All { get; } = Load();

    /// <summary>The schema version this build writes.</summary>
    public static int Latest => All[^1].Version;

    private static List<(int Version, string Sql)> Load() => EmbeddedMigrations.Load(typeof(PostgreSqlMigrations).Assembly, Prefix, "PostgreSQL");
}
