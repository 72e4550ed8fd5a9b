using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PosFleet.Sync.Changes;

/// <summary>
/// When a store installs change tracking: once the host has started its services (so that a host's own schema set-up,
/// a hosted service of its own, runs first), or on first use without a host, and once. One copy for every store
/// (linked into the SQLite and PostgreSQL connectors); what installing means is each store's.
/// </summary>
internal abstract class ChangeTrackingInstaller(IOptions<SyncTablesOptions> tables, IOptions<PosFleetOptions> fleet) : IHostedLifecycleService, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _installed;

    public SyncTablesOptions Options => tables.Value;

    /// <summary>Whether the host's writes are logged: on a back office (no <see cref="PosFleetOptions.TerminalId"/>); a terminal's tables are only checked.</summary>
    public bool TracksChanges => fleet.Value.TerminalId is null;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => EnsureInstalledAsync(cancellationToken);

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _gate.Dispose();

    public SyncTable? Find(string name) =>
        tables.Value.Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    public async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (_installed)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_installed)
            {
                return;
            }

            await InstallAsync(cancellationToken).ConfigureAwait(false);
            _installed = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Checks the declared tables and, when <see cref="TracksChanges"/>, installs their tracking; called once.</summary>
    /// <param name="cancellationToken">Cancels the installation.</param>
    /// <returns>A task.</returns>
    protected abstract Task InstallAsync(CancellationToken cancellationToken);
}
