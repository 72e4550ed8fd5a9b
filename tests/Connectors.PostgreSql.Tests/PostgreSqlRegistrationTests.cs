using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions.BuiltIn;
using PosFleet.Connectors.Sqlite;
using PosFleet.Sync.Changes;
using PosFleet.Sync.Outbox;

namespace PosFleet.Connectors.PostgreSql.Tests;

/// <summary>
/// Every store contract the SQLite storage fills, the PostgreSQL storage fills too — so that a contract added later
/// cannot be forgotten here — except those the connector's README lists as not on PostgreSQL yet, with the reason.
/// </summary>
public sealed class PostgreSqlRegistrationTests
{
    /// <summary>What the SQLite storage registers and the PostgreSQL one does not, as README.md says.</summary>
    private static readonly Type[] NotOnPostgreSql = [];

    [Fact]
    public void UsePostgreSqlStorage_EveryStoreContractOfUseSqliteStorage_IsRegisteredOrListedAsNotYet()
    {
        var sqlite = StoreContracts(b => b.UseSqliteStorage("Data Source=unused.db"));
        var postgreSql = StoreContracts(b => b.UsePostgreSqlStorage("Host=127.0.0.1;Database=unused"));

        var missing = sqlite.Except(postgreSql).Except(NotOnPostgreSql).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0, $"UsePostgreSqlStorage registers no {string.Join(", ", missing)}: implement it on PostgreSQL, or list it in NotOnPostgreSql and in the connector's README with the reason.");
        // A contract that PostgreSQL now fills leaves the list, and the README's "not yet" with it.
        Assert.Empty(NotOnPostgreSql.Intersect(postgreSql));
        Assert.Contains(typeof(IOutbox), postgreSql);
        Assert.Contains(typeof(IChangeExporter), postgreSql);
        Assert.Contains(typeof(IChangeImporter), postgreSql);
        Assert.Contains(typeof(ILocalDatabaseReset), postgreSql);
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
