using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using PosFleet.Connectors.PostgreSql.Internal;

namespace PosFleet.Connectors.PostgreSql.Tests;

/// <summary>AddPosFleetPostgreSql: the server answers and the schema is this version's; the password never shows.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlHealthCheckTests(PostgreSqlServer server)
{
    [Fact]
    public async Task CheckHealthAsync_ServerAnswers_HealthyWithoutThePassword()
    {
        var connectionString = await server.CreateDatabaseAsync();

        var report = await CheckAsync(connectionString);

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Contains("answers", report.Entries["posfleet-postgresql"].Description, StringComparison.Ordinal);
        AssertNoPassword(report, connectionString);
    }

    [Fact]
    public async Task CheckHealthAsync_ServerUnreachable_UnhealthyNamingItWithoutThePassword()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString("posfleet")) { Port = ClosedPort(), Timeout = 3 }.ToString();

        var report = await CheckAsync(connectionString);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Contains("cannot be reached", report.Entries["posfleet-postgresql"].Description, StringComparison.Ordinal);
        AssertNoPassword(report, connectionString);
    }

    [Fact]
    public async Task CheckHealthAsync_SchemaNewerThanThisVersion_UnhealthySayingSo()
    {
        var connectionString = await server.CreateDatabaseAsync();
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(connectionString)).Status);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"UPDATE posfleet_schema SET version = {PostgreSqlMigrations.Latest + 1}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var report = await CheckAsync(connectionString);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Contains("upgrade PosFleet", report.Entries["posfleet-postgresql"].Description, StringComparison.Ordinal);
        AssertNoPassword(report, connectionString);
    }

    private static async Task<HealthReport> CheckAsync(string connectionString)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddPosFleet().UsePostgreSqlStorage(connectionString);
        services.AddHealthChecks().AddPosFleetPostgreSql();
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }

    private static void AssertNoPassword(HealthReport report, string connectionString)
    {
        var password = new NpgsqlConnectionStringBuilder(connectionString).Password!;
        var entry = report.Entries["posfleet-postgresql"];
        Assert.DoesNotContain(password, entry.Description ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(password, entry.Exception?.ToString() ?? "", StringComparison.Ordinal);
        Assert.All(entry.Data.Values, v => Assert.DoesNotContain(password, v.ToString() ?? "", StringComparison.Ordinal));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
