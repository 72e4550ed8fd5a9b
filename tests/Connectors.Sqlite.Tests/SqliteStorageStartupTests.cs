using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosFleet.Connectors.Sqlite.Internal;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>In a generic host, the file is checked and migrated when the host starts, not on the first store call.</summary>
public sealed class SqliteStorageStartupTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task StartAsync_NewFile_MigratesBeforeAnyStoreCall()
    {
        var path = Path.Combine(_dir.Path, "fleet.db");
        using var host = Host(path);

        await host.StartAsync();

        Assert.Equal((long)SqliteMigrations.Latest, SqliteFile.SchemaVersion(path));
        Assert.Equal("wal", SqliteFile.Scalar(path, "PRAGMA journal_mode;"));
        await host.StopAsync();
    }

    [Fact]
    public async Task StartAsync_TextFileNamedFleetDb_FailsNamingTheFileAndLeavesItUnchanged()
    {
        var path = _dir.File("fleet.db", "2026-11-20T10:15:02Z [ERROR] term=POS-1 this is a log, not a database\n");
        var before = SqliteStorageFileTests.Hash(path);
        using var host = Host(path);

        var ex = await Assert.ThrowsAsync<PosFleetStorageException>(() => host.StartAsync());

        Assert.Contains("is not a SQLite database", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, SqliteStorageFileTests.Hash(path));
        Assert.False(File.Exists(path + "-wal"));
    }

    private static IHost Host(string path)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPosFleet().UseSqliteStorage($"Data Source={path}");
        return builder.Build();
    }
}
