using Microsoft.Extensions.DependencyInjection;
using PosFleet.Notifications.Engine;
using PosFleet.Testing.Notifications;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>The notification store conformance suite on a real SQLite file, registered as a host would.</summary>
public sealed class SqliteNotificationStoreConformanceTests : NotificationStoreConformanceTests, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<ServiceProvider> _providers = [];

    protected override Task<INotificationStore> CreateStoreAsync()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddNotificationEngine().UseSqliteStorage($"Data Source={Path.Combine(_dir.Path, $"fleet-{_providers.Count}.db")}");
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return Task.FromResult(provider.GetRequiredService<INotificationStore>());
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _dir.Dispose();
    }
}
