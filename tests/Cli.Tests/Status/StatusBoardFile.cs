using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Connectors.Sqlite;
using PosFleet.Status;
using PosFleet.Updates;

namespace PosFleet.Cli.Tests.Status;

/// <summary>A back office's SQLite file holding the status of a small fleet, written through the public API as a back office does.</summary>
internal static class StatusBoardFile
{
    /// <summary>The instant the tests draw the board at (<c>--as-of</c>).</summary>
    public static readonly DateTimeOffset AsOf = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The fleet, with the health each terminal has at <see cref="AsOf"/> against target version 35 (BRAVO: 34).</summary>
    public static readonly (string Terminal, string Organization, string Version, double MinutesAgo, string? Error, TerminalHealth Health)[] Fleet =
    [
        ("acme-01", "ACME", "35.0", 0.5, null, TerminalHealth.Green),
        ("acme-02", "ACME", "34.9", 1, null, TerminalHealth.Yellow),
        ("acme-03", "ACME", "35", 45, null, TerminalHealth.Grey),
        ("acme-04", "ACME", "35", 2, "The back office could not be reached: Connection refused (bo.example:443)", TerminalHealth.Red),
        ("bravo-01", "BRAVO", "34", 1, null, TerminalHealth.Green),
        ("bravo-02", "BRAVO", "33.8", 600, "Only terminals of version 34 and later are accepted; this one runs 33.8: update it.", TerminalHealth.Red),
        ("charlie-01", "CHARLIE", "36", 2, null, TerminalHealth.Green),
        ("charlie-02", "CHARLIE", "35.1", 3 * 24 * 60, null, TerminalHealth.Grey),
    ];

    /// <summary>Earlier failed exchanges of acme-04 (minutes before <see cref="AsOf"/>): its error history, before the error of its latest heartbeat.</summary>
    public static readonly (double MinutesAgo, string Error)[] Acme04History =
    [
        (30, "TLS handshake failed\u001b[31m"),
        (20, "HTTP 503 from bo.example"),
    ];

    public static async Task CreateAsync(string path)
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorageFile(path).AddStatus();
        await using (var provider = services.BuildServiceProvider())
        {
            var store = provider.GetRequiredService<ITerminalStatusStore>();
            foreach (var t in Fleet)
            {
                await store.RecordAsync(
                    new TerminalStatus
                    {
                        TerminalId = t.Terminal,
                        Organization = t.Organization,
                        ApplicationVersion = t.Version,
                        LastUpdate = AsOf.AddDays(-20),
                        LastSync = t.Error is null ? AsOf.AddMinutes(-t.MinutesAgo) : AsOf.AddHours(-3),
                        LastSyncError = t.Error,
                        OutboxDepth = t.Error is null ? 0 : 120,
                        OldestUnsentAge = t.Error is null ? null : TimeSpan.FromHours(3),
                        SyncInterval = TimeSpan.FromMinutes(5),
                        ReceivedAt = AsOf.AddMinutes(-t.MinutesAgo),
                    },
                    100,
                    default);
            }

            foreach (var (minutesAgo, error) in Acme04History)
            {
                // Heard before the latest heartbeat: the status stays the latest, the error joins the history.
                var latest = (await store.GetAsync("acme-04", default))!;
                await store.RecordAsync(latest with { LastSyncError = error, ReceivedAt = AsOf.AddMinutes(-minutesAgo) }, 100, default);
            }
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>Publishes <paramref name="version"/> of package <c>pos</c> and makes it <paramref name="organization"/>'s target, as <c>posfleet package</c> does.</summary>
    public static async Task TargetPackageAsync(string path, string organization, string version)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPosFleet().UseSqliteStorageFile(path).AddPackageBackOffice();
        await using (var provider = services.BuildServiceProvider())
        {
            var catalog = provider.GetRequiredService<IPackageCatalog>();
            await catalog.PublishAsync(new PackageRelease
            {
                PackageId = "pos",
                Version = version,
                Size = 1,
                Sha256 = new string('a', 64),
                Location = new Uri("file:///packages/pos.zip"),
            });
            await catalog.SetTargetAsync(organization, "pos", version);
        }

        SqliteConnection.ClearAllPools();
    }
}
