using Microsoft.Extensions.Hosting;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>
/// Migrates the database when the host starts, so that a server that cannot be used fails start-up with an error
/// naming it, rather than the first request. Without a host, the store does the same on first use.
/// </summary>
internal sealed class PostgreSqlStorageStartup(PostgreSqlDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.EnsureReadyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
