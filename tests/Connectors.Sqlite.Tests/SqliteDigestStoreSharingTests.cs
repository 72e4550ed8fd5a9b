using Microsoft.Extensions.DependencyInjection;
using PosFleet.Digests;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>Hosts that share one file share one ledger: the file, not the process, decides who claims a run.</summary>
public sealed class SqliteDigestStoreSharingTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 7, 0, 1, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public async Task TryClaimRun_EightHostsOnOneFile_OnlyOneWinsEachWindow()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => Store()).ToList();
        for (var day = 0; day < 5; day++)
        {
            var key = new DigestRunKey("shop-12", Now.AddDays(day - 1), Now.AddDays(day));
            var claims = await Task.WhenAll(stores.Select((s, i) => Task.Run(async () =>
                await s.TryClaimRunAsync(new DigestRunClaim(key, DigestTrigger.Scheduled, $"host-{i}", Now, Now.AddMinutes(10), ["ops@example.com"], 1), default))));

            var winner = Assert.Single(claims, c => c is not null)!;
            Assert.Equal(winner.Owner, (await Store().GetRunAsync(key, default))!.Owner);
        }

        Assert.Equal(5, (await Store().QueryRunsAsync(new DigestRunQuery(), default)).Count);
    }

    [Fact]
    public async Task SaveSubscription_ByOneHost_IsReadByAnotherAfterRestart()
    {
        await Store().SaveSubscriptionAsync(new DigestSubscription { Id = "s", Name = "S", Recipients = ["ops@example.com"] }, default);

        Assert.Equal("S", (await Store().GetSubscriptionAsync("s", default))!.Name);
    }

    private IDigestStore Store()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorage($"Data Source={Path.Combine(_dir.Path, "fleet.db")}").AddDigests();
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IDigestStore>();
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
