using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions;
using PosFleet.Sync;

namespace PosFleet.Connectors.PostgreSql.Tests.Actions;

/// <summary>Back-office instances over one database serving one terminal at once deliver each action once.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlRemoteActionSharingTests(PostgreSqlServer server) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public async Task Deliver_TwoInstancesAtOnce_EachActionDeliveredOnce()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var stores = Enumerable.Range(0, 2).Select(_ => Store(connectionString)).ToList();
        var ids = new List<Guid>();
        for (var round = 0; round < 20; round++)
        {
            // Five new actions each round (different parameters, so none collapses), then both instances deliver at once.
            for (var i = 0; i < 5; i++)
            {
                var action = new RemoteAction
                {
                    Id = Guid.NewGuid(),
                    Organization = "ACME",
                    TerminalId = "till-01",
                    Name = "clear-cache",
                    Parameters = new Dictionary<string, string> { ["n"] = $"{round}-{i}" },
                    State = RemoteActionState.Pending,
                    CreatedAt = Now.AddSeconds((round * 5) + i),
                    ExpiresAt = Now.AddDays(1),
                    Timeout = TimeSpan.FromMinutes(5),
                    MaxAttempts = 3,
                };
                ids.Add((await stores[round % 2].AddAsync(action, default)).Action.Id);
            }

            await Task.WhenAll(stores.Select(s => Task.Run(async () => await s.DeliverAsync("ACME", "till-01", Now.AddMinutes(round), 1000, default))));
        }

        foreach (var id in ids)
        {
            var action = (await stores[0].GetAsync("ACME", id, default))!;
            Assert.Equal(RemoteActionState.Delivered, action.State);
            Assert.Single(action.History, t => t.State == RemoteActionState.Delivered);
        }
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private IRemoteActionStore Store(string connectionString)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddPosFleet().AddSyncBackOffice().AddActionsBackOffice().UsePostgreSqlStorage(connectionString);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IRemoteActionStore>();
    }
}
