using System.Data.Common;
using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using PosFleet.Connectors.PostgreSql.Tests;
using PosFleet.Tests;

namespace PosFleet.Samples.Tests.BackOffice;

/// <summary>
/// The back-office sample's <c>GET /health</c>, started as its own process as a user runs it: on its SQLite file, and on
/// a real PostgreSQL server (<c>Storage__PostgreSql</c>). Each store's own check is the one answering: /health turns
/// unhealthy when that database stops being a store this build can use.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class BackOfficeSampleHealthTests(PostgreSqlServer server) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Health_OnSqlite_HealthyThenUnhealthyWhenTheFileLosesItsSchema()
    {
        var path = Path.Combine(_dir.Path, "fleet.db");
        using var sample = Start(new() { ["Storage__Path"] = path });
        var root = await RootAsync(sample);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await HealthAsync(root));

        // The check reads the schema version from the very file: without its table, the file is not a PosFleet store.
        await ExecuteAsync(new SqliteConnection($"Data Source={path};Pooling=False"), "DROP TABLE posfleet_schema");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await HealthAsync(root));
        await StopAsync(sample);
    }

    [Fact]
    public async Task Health_OnPostgreSql_HealthyThenUnhealthyWithANewerSchema()
    {
        var connectionString = await server.CreateDatabaseAsync();
        using var sample = Start(new() { ["Storage__PostgreSql"] = connectionString });
        var root = await RootAsync(sample);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await HealthAsync(root));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.db", SearchOption.AllDirectories)); // the stores are PostgreSQL's, no SQLite file

        // A newer back office migrated the database past this build: the PostgreSQL check refuses it.
        Assert.Equal(1, await ExecuteAsync(new NpgsqlConnection(connectionString), "UPDATE posfleet_schema SET version = version + 1"));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await HealthAsync(root));
        await StopAsync(sample);
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, string sql)
    {
        await using (connection)
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteNonQueryAsync();
        }
    }

    private PosFleetProcess Start(Dictionary<string, string?> environment)
    {
        environment["Urls"] = "http://127.0.0.1:0";
        environment["PickupFolder"] = Path.Combine(_dir.Path, "mail");
        environment["Ingest__Paths__0"] = Directory.CreateDirectory(Path.Combine(_dir.Path, "logs")).FullName;
        return PosFleetProcess.Start(new PosFleetProcess.Options([BackOfficeSampleTests.SamplePath])
        {
            FileName = "dotnet",
            WorkingDirectory = Directory.CreateDirectory(Path.Combine(_dir.Path, "elsewhere")).FullName,
            Timeout = TimeSpan.FromMinutes(2),
            Environment = environment,
        });
    }

    /// <summary>The sample's address, from the line it prints once it listens.</summary>
    private static async Task<Uri> RootAsync(PosFleetProcess sample)
    {
        const string Prefix = "PosFleet sync endpoint: ";
        var line = await sample.WaitForStdoutLineAsync(l => l.StartsWith(Prefix, StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        var address = line[Prefix.Length..].Split(' ')[0];
        return new Uri(address[..address.IndexOf("/posfleet/sync", StringComparison.Ordinal)] + "/");
    }

    private static async Task<(HttpStatusCode Status, string Body)> HealthAsync(Uri root)
    {
        using var client = new HttpClient { BaseAddress = root };
        using var response = await client.GetAsync("health");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task StopAsync(PosFleetProcess sample)
    {
        await sample.SignalAsync(PosFleetProcess.Signal.Terminate);
        Assert.Equal(0, (await sample.WaitForExitAsync(TimeSpan.FromSeconds(30))).ExitCode);
    }
}
