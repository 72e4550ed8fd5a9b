using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Connectors.PostgreSql.Internal;
using PosFleet.Sync.Changes;
using PosFleet.Testing.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Tests.Sync;

/// <summary>
/// The change importer and local reset conformance suite on a real PostgreSQL server: a connector host's terminal side
/// on a server, the host's tables created before PosFleet starts.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlChangeImporterConformanceTests(PostgreSqlServer server) : ChangeImporterConformanceTests, IDisposable
{
    private readonly PostgreSqlChangeHosts _hosts = new(server);

    protected override async Task<IServiceProvider> CreateTerminalAsync(Action<SyncTablesOptions> configure)
    {
        var connectionString = await server.CreateDatabaseAsync();
        await PostgreSqlChangeHosts.ExecuteAsync(connectionString, Schema);
        var provider = _hosts.Build(connectionString, configure, o => { o.TerminalId = TerminalId; o.Organization = Organization; });
        await provider.GetRequiredService<PostgreSqlDatabase>().EnsureReadyAsync(CancellationToken.None);
        return provider;
    }

    protected override async Task<DbConnection> OpenAsync(IServiceProvider terminal) => await _hosts.OpenAsync(terminal);

    public void Dispose() => _hosts.Dispose();
}
