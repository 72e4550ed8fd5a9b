using System.Data.Common;
using PosFleet.Sync.Changes;
using PosFleet.Testing.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Tests.Sync;

/// <summary>The change exporter conformance suite on a real PostgreSQL server, the host's tables created before PosFleet starts.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlChangeExporterConformanceTests(PostgreSqlServer server) : ChangeExporterConformanceTests, IDisposable
{
    private readonly PostgreSqlChangeHosts _hosts = new(server);

    protected override async Task<IServiceProvider> CreateBackOfficeAsync(Action<SyncTablesOptions> configure) => await _hosts.CreateAsync(Schema, configure);

    protected override async Task<DbConnection> OpenAsync(IServiceProvider backOffice) => await _hosts.OpenAsync(backOffice);

    public void Dispose() => _hosts.Dispose();
}
