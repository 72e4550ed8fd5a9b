using Microsoft.Data.Sqlite;

namespace PosFleet.Cli.Tests.Store;

/// <summary>Each unusable store gets one line on standard error, exit code 5 (README), and stays as it was.</summary>
public sealed class BadStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Commands => ["ingest", "search", "dashboard"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_NewerSchema_ExitCode5OneLineFileUnchanged(string command)
    {
        var db = Path.Combine(_dir.Path, "fleet.db");
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var sql = connection.CreateCommand();
            sql.CommandText = "CREATE TABLE posfleet_schema (id INTEGER PRIMARY KEY, version INTEGER NOT NULL); INSERT INTO posfleet_schema VALUES (1, 99);";
            sql.ExecuteNonQuery();
        }

        await AssertRefusedAsync(command, db, "newer version");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_TextFileNamedFleetDb_ExitCode5OneLineFileUnchanged(string command)
    {
        var db = _dir.File("fleet.db", "hello, I am a text file\n");

        await AssertRefusedAsync(command, db, "not a SQLite database");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_TruncatedDatabase_ExitCode5OneLineFileUnchanged(string command)
    {
        var db = Path.Combine(_dir.Path, "fleet.db");
        var (code, _, error) = await PosFleetProcess.RunAsync("ingest", Log(), "--store", db);
        Assert.True(code == 0, error);
        using (var file = new FileStream(db, FileMode.Open))
        {
            file.SetLength(file.Length - 4096);
        }

        await AssertRefusedAsync(command, db, "corrupt");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Ingest_ReadOnlyDirectory_ExitCode5OneLineNothingCreated()
    {
        var db = Path.Combine(TestFiles.ReadOnlyDirectory(), "fleet.db");

        var (code, output, error) = await PosFleetProcess.RunAsync("ingest", Log(), "--store", db);

        Assert.Equal(5, code);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains(db, error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.False(File.Exists(db));
    }

    private string Log() => _dir.File("till.log", """
        2026-11-20T10:15:02.123Z [ERROR] term=POS-0027 org=ACME tickets: could not save ticket ref=T-1 : disk error 5
        2026-11-20T10:15:03.000Z [INFO] term=POS-0027 org=ACME tickets: ticket closed ref=T-2

        """);

    private async Task AssertRefusedAsync(string command, string db, string reason)
    {
        var before = TestFiles.Hash(db);
        string[] args = command switch
        {
            "ingest" => ["ingest", Log(), "--store", db],
            "search" => ["search", "--store", db, "disk"],
            _ => ["dashboard", "--store", db],
        };

        var (code, output, error) = await PosFleetProcess.RunAsync(args);

        Assert.Equal(5, code);
        var lines = error.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("posfleet: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(reason, lines[0], StringComparison.Ordinal);
        Assert.Contains(db, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Ingested", output, StringComparison.Ordinal);
        Assert.Equal(before, TestFiles.Hash(db));
    }
}
