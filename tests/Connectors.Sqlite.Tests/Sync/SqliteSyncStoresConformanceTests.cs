using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;
using PosFleet.Testing.Sync;

namespace PosFleet.Connectors.Sqlite.Tests.Sync;

/// <summary>Real SQLite files, each store through its own service provider registered as a host would.</summary>
public abstract class SqliteSyncStoreFiles : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<ServiceProvider> _providers = [];

    protected T Store<T>(Action<IPosFleetBuilder> register)
        where T : notnull
    {
        var services = new ServiceCollection();
        var builder = services.AddPosFleet(o => o.TerminalId = "till-01");
        register(builder);
        builder.UseSqliteStorageFile(Path.Combine(_dir.Path, $"fleet-{_providers.Count}.db"));
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<T>();
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        SqliteConnection.ClearAllPools();
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The outbox conformance suite on a real SQLite file.</summary>
public sealed class SqliteOutboxConformanceTests : OutboxConformanceTests, IDisposable
{
    private readonly Files _files = new();

    protected override Task<IOutbox> CreateOutboxAsync() => Task.FromResult(_files.Outbox());

    public void Dispose() => _files.Dispose();

    private sealed class Files : SqliteSyncStoreFiles
    {
        public IOutbox Outbox() => Store<IOutbox>(b => b.AddSyncAgent(o => o.Credential = "unused"));
    }
}

/// <summary>The inbox conformance suite on a real SQLite file.</summary>
public sealed class SqliteSyncInboxStoreConformanceTests : SyncInboxStoreConformanceTests, IDisposable
{
    private readonly Files _files = new();

    protected override Task<ISyncInboxStore> CreateStoreAsync() => Task.FromResult(_files.Inbox());

    public void Dispose() => _files.Dispose();

    private sealed class Files : SqliteSyncStoreFiles
    {
        public ISyncInboxStore Inbox() => Store<ISyncInboxStore>(b => b.AddSyncBackOffice());
    }
}

/// <summary>The credential store conformance suite on a real SQLite file.</summary>
public sealed class SqliteTerminalCredentialStoreConformanceTests : TerminalCredentialStoreConformanceTests, IDisposable
{
    private readonly Files _files = new();

    protected override Task<ITerminalCredentialStore> CreateStoreAsync() => Task.FromResult(_files.Credentials());

    public void Dispose() => _files.Dispose();

    private sealed class Files : SqliteSyncStoreFiles
    {
        public ITerminalCredentialStore Credentials() => Store<ITerminalCredentialStore>(b => b.AddSyncBackOffice());
    }
}
