using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary><c>UseSqliteStorageFile(path)</c>: a path is a path, never a connection string.</summary>
public sealed class SqliteStorageFileRegistrationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task UseSqliteStorageFile_PathWithConnectionStringCharacters_CreatesThatFile()
    {
        var path = Path.Combine(_dir.Path, "shop;Mode=ReadOnly 'x'.db");
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorageFile(path, o => o.CheckOnOpen = false);
        await using var provider = services.BuildServiceProvider();
        provider.ValidatePosFleetOptions();

        var store = provider.GetRequiredService<ILogStore>();
        LogEntry[] entries = [new() { Timestamp = DateTimeOffset.Parse("2026-11-20T10:15:02Z", System.Globalization.CultureInfo.InvariantCulture), Level = "ERROR", Message = "printer: paper out", Kind = LogKind.Error, Severity = LogSeverity.Error, Position = new LogPosition("a.log", 1) }];
        await store.AppendAsync(new LogBatch(entries, new IngestCheckpoint("a.log", 40, 1, 1)), CancellationToken.None);

        Assert.True(File.Exists(path));
        Assert.Equal(1L, SqliteFile.Scalar(path, "SELECT count(*) FROM entries;"));
        Assert.False(provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value.CheckOnOpen);
    }

    [Fact]
    public void ValidatePosFleetOptions_InvalidStorageOption_ThrowsNamingTheOption()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorageFile(Path.Combine(_dir.Path, "fleet.db"), o => o.BusyTimeout = TimeSpan.FromSeconds(-1));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(provider.ValidatePosFleetOptions);

        Assert.Contains("BusyTimeout", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "fleet.db")));
    }

    [Fact]
    public void ValidatePosFleetOptions_TwoOptionsTypesInvalid_OneOptionsValidationExceptionNamingBoth()
    {
        var services = new ServiceCollection();
        services.AddPosFleet(o => o.TerminalId = "till 07")
            .UseSqliteStorageFile(Path.Combine(_dir.Path, "fleet.db"), o => o.BusyTimeout = TimeSpan.FromSeconds(-1));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(provider.ValidatePosFleetOptions);

        Assert.Contains("BusyTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TerminalId", ex.Message, StringComparison.Ordinal);
    }
}
