using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Tests.Sync;

/// <summary>The PostgreSQL storage tracks no changes of the host's tables yet: declaring some on a back office fails start-up.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSyncTablesTests(PostgreSqlServer server)
{
    [Fact]
    public async Task StartAsync_BackOfficeDeclaringSyncTables_FailsNamingAddSyncTablesAndTheFix()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var builder = new HostApplicationBuilder();
        builder.Services.AddPosFleet().UsePostgreSqlStorage(connectionString)
            .AddSyncTables(o => o.Tables.Add(new SyncTable { Name = "items", KeyColumns = ["id"], Columns = ["name"], OrganizationColumn = "folder" }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("AddSyncTables declares the tables items", error.Message, StringComparison.Ordinal);
        Assert.Contains("no IChangeExporter", error.Message, StringComparison.Ordinal);
        Assert.Contains("UseSqliteStorage", error.Message, StringComparison.Ordinal);
    }
}
