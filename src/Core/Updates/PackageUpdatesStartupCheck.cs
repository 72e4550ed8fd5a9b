using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PosFleet.Updates;

/// <summary>Says at start, once, when the terminal host registered no <see cref="IPackageInstallGate"/>: seed 003 never installs while a ticket or a shift is open.</summary>
internal sealed class PackageUpdatesStartupCheck(ILogger<PackageUpdater> logger, IPackageInstallGate? gate = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (gate is null)
        {
            PackageUpdater.LogNoGate(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
