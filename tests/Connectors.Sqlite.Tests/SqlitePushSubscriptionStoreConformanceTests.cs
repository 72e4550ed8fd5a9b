using Microsoft.Extensions.DependencyInjection;
using PosFleet.Notifications.Push;
using PosFleet.Testing.Notifications;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>The push subscription store conformance suite on a real SQLite file, registered as a host would.</summary>
public sealed class SqlitePushSubscriptionStoreConformanceTests : PushSubscriptionStoreConformanceTests, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<ServiceProvider> _providers = [];

    protected override Task<IPushSubscriptionStore> CreateStoreAsync()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorage($"Data Source={Path.Combine(_dir.Path, $"fleet-{_providers.Count}.db")}");
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return Task.FromResult(provider.GetRequiredService<IPushSubscriptionStore>());
    }

    /// <summary>Subscriptions outlive the process: a second host over the same file lists them.</summary>
    [Fact]
    public async Task List_AfterReopeningTheFile_StillThere()
    {
        var path = Path.Combine(_dir.Path, "reopen.db");
        var subscription = new PushSubscription("org-1", "tech-1", new Uri("https://push.example.com/send/phone"), "BKey", "auth");
        foreach (var step in new[] { "add", "list" })
        {
            var services = new ServiceCollection();
            services.AddPosFleet().UseSqliteStorage($"Data Source={path}");
            await using var provider = services.BuildServiceProvider();
            var store = provider.GetRequiredService<IPushSubscriptionStore>();
            if (step == "add")
            {
                await store.AddAsync(subscription, default);
            }
            else
            {
                Assert.Equal([subscription], await store.ListAsync("org-1", "tech-1", default));
            }
        }
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
