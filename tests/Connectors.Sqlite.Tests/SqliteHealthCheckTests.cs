using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PosFleet.Connectors.Sqlite.Internal;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary><c>AddHealthChecks().AddPosFleetSqlite()</c> on real files: a good one, a corrupt one, one with a newer schema.</summary>
public sealed class SqliteHealthCheckTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static async Task<HealthReportEntry> CheckAsync(string path)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPosFleet().UseSqliteStorageFile(path);
        services.AddHealthChecks().AddPosFleetSqlite(tags: ["ready"]);
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries["posfleet-sqlite"];
    }

    [Fact]
    public async Task CheckHealthAsync_NewFile_IsHealthyAtTheLatestSchema()
    {
        var path = Path.Combine(_dir.Path, "fleet.db");

        var entry = await CheckAsync(path);

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(SqliteMigrations.Latest, entry.Data["schemaVersion"]);
        Assert.Equal(SqliteMigrations.Latest, SqliteFile.SchemaVersion(path));
    }

    [Fact]
    public async Task CheckHealthAsync_FileThatIsNotADatabase_IsUnhealthyNamingTheFileAndLeavesItUnchanged()
    {
        var path = Path.Combine(_dir.Path, "fleet.db");
        var garbage = new byte[8192];
        Random.Shared.NextBytes(garbage);
        await File.WriteAllBytesAsync(path, garbage);

        var entry = await CheckAsync(path);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains(path, entry.Description, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task CheckHealthAsync_SchemaNewerThanThisBuild_IsUnhealthyAndSaysSo()
    {
        var path = Path.Combine(_dir.Path, "fleet.db");
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(path)).Status);
        SqliteFile.Execute(path, $"UPDATE {SqliteMigrations.VersionTable} SET version = {SqliteMigrations.Latest + 1};");

        var entry = await CheckAsync(path);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("newer", entry.Description, StringComparison.OrdinalIgnoreCase);
    }
}
