using System.Data.Common;
using System.Globalization;

namespace PosFleet.Updates;

/// <summary>
/// Reads the package stores' rows: one copy for every store engine, which the SQLite and PostgreSQL connectors link into
/// their assemblies (their column lists are the same; instants are UTC ticks). Only the rollout's stages differ: SQLite
/// keeps them as text (<c>10,50,100</c>), PostgreSQL as an <c>integer[]</c>.
/// </summary>
internal static class PackageRows
{
    /// <summary>Columns: package_id, version, channel, size, sha256, location, published_at.</summary>
    public static PackageRelease ReadRelease(DbDataReader r) => new()
    {
        PackageId = r.GetString(0),
        Version = r.GetString(1),
        Channel = r.GetString(2),
        Size = r.GetInt64(3),
        Sha256 = r.GetString(4),
        Location = new Uri(r.GetString(5)),
        PublishedAt = Instant(r, 6)!.Value,
    };

    /// <summary>Columns: organization, package_id, version, set_at, stages, stage, widen_at, failure_threshold, halted_reason, changed_at.</summary>
    public static PackageTarget ReadTarget(DbDataReader r) => new()
    {
        Organization = r.GetString(0),
        PackageId = r.GetString(1),
        Version = r.GetString(2),
        SetAt = Instant(r, 3)!.Value,
        Rollout = new PackageRollout
        {
            Stages = r.GetValue(4) switch
            {
                int[] stages => stages,
                var text => [.. ((string)text).Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))],
            },
            Stage = r.GetInt32(5),
            WidenAt = r.GetDouble(6),
            FailureThreshold = r.GetDouble(7),
            HaltedReason = r.IsDBNull(8) ? null : r.GetString(8),
            ChangedAt = Instant(r, 9)!.Value,
        },
    };

    /// <summary>Columns: organization, terminal, package_id, installed_version, the four result columns, declined_version, reported_at.</summary>
    public static TerminalPackageStatus ReadTerminal(DbDataReader r) => new()
    {
        Organization = r.GetString(0),
        TerminalId = r.GetString(1),
        PackageId = r.GetString(2),
        InstalledVersion = r.IsDBNull(3) ? null : r.GetString(3),
        LastResult = ReadResult(r, 4),
        DeclinedVersion = r.IsDBNull(8) ? null : r.GetString(8),
        ReportedAt = Instant(r, 9)!.Value,
    };

    /// <summary>The result from four columns starting at <paramref name="first"/> (version, outcome, detail, at), or <see langword="null"/>.</summary>
    public static PackageResult? ReadResult(DbDataReader r, int first) =>
        r.IsDBNull(first) || !Enum.TryParse<PackageOutcome>(r.GetString(first + 1), out var outcome)
            ? null
            : new PackageResult
            {
                Version = r.GetString(first),
                Outcome = outcome,
                Detail = r.IsDBNull(first + 2) ? null : r.GetString(first + 2),
                At = Instant(r, first + 3) ?? default,
            };

    /// <summary>An instant kept as UTC ticks, or <see langword="null"/>.</summary>
    public static DateTimeOffset? Instant(DbDataReader r, int column) => r.IsDBNull(column) ? null : new DateTimeOffset(r.GetInt64(column), TimeSpan.Zero);
}
