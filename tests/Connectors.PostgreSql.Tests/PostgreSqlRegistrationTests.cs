using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions.BuiltIn;
using PosFleet.Connectors.Sqlite;
using PosFleet.Sync.Changes;
using PosFleet.Sync.Outbox;

namespace PosFleet.Connectors.PostgreSql.Tests;

/// <summary>
/// Every store contract the SQLite storage fills, the PostgreSQL storage fills too, so that a contract added to SQLite
/// later cannot be forgotten on PostgreSQL.
/// </summary>
public sealed class PostgreSqlRegistrationTests
{
    [Fact]
    public void UsePostgreSqlStorage_EveryStoreContractOfUseSqliteStorage_IsRegistered()
    {
        var sqlite = StoreContracts(b => b.UseSqliteStorage("Data Source=unused.db"));
        var postgreSql = StoreContracts(b => b.UsePostgreSqlStorage("Host=127.0.0.1;Database=unused"));

        // Guards the comparison itself: were the contracts not found, an empty SQLite set would pass anything.
        Assert.Contains(typeof(IOutbox), sqlite);
        Assert.Contains(typeof(IChangeImporter), sqlite);
        Assert.Contains(typeof(ILocalDatabaseReset), sqlite);
        var missing = sqlite.Except(postgreSql).Select(t => t.FullName).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"UsePostgreSqlStorage registers no {string.Join(", ", missing)}: implement it on PostgreSQL.");
    }

    /// <summary>The PosFleet contracts (types of PosFleet.Core) whose registration <paramref name="useStorage"/> adds or replaces.</summary>
    private static HashSet<Type> StoreContracts(Action<IPosFleetBuilder> useStorage)
    {
        var services = new ServiceCollection();
        var builder = services.AddPosFleet(o => o.TerminalId = "till-01");
        var before = services.ToHashSet();
        useStorage(builder);
        return [.. services.Where(d => !before.Contains(d)).Select(d => d.ServiceType).Where(t => t.Assembly == typeof(IOutbox).Assembly && t.IsInterface)];
    }
}
