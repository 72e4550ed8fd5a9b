using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PosFleet.Connectors.Email;
using PosFleet.Connectors.Sqlite;
using PosFleet.Digests;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Cli.Commands;

/// <summary>
/// The digest engine over a store file, composed through the public registrations as a host would. A run can be
/// narrowed to one subscription: the runner then sees only that subscription and its runs.
/// </summary>
internal sealed class DigestAccess : IAsyncDisposable
{
    private readonly ServiceProvider _storage;
    private readonly ServiceProvider? _engine;

    private DigestAccess(ServiceProvider storage, ServiceProvider? engine)
    {
        _storage = storage;
        _engine = engine;
    }

    public IDigestStore Store => _storage.GetRequiredService<IDigestStore>();

    public IDigestRunner Runner => _engine?.GetRequiredService<IDigestRunner>() ?? throw new InvalidOperationException("No notifier was configured.");

    /// <summary>
    /// Opens the store; with <paramref name="notifier"/>, also the engine that sends through it, catching up missed windows
    /// as <paramref name="catchUp"/> says and translating hints with the rules of <paramref name="rulesFile"/> too.
    /// <paramref name="check"/> is for the commands that write: the whole file is read (<c>PRAGMA quick_check</c>) before
    /// it is first used, so a file with damaged pages is refused and left as it was; a read command skips that pass.
    /// </summary>
    public static DigestAccess Open(
        FileInfo file,
        Action<IPosFleetBuilder>? notifier = null,
        string? onlySubscription = null,
        TimeProvider? time = null,
        DigestCatchUp catchUp = DigestCatchUp.LatestOnly,
        bool check = true,
        string? rulesFile = null)
    {
        var services = new ServiceCollection();
        var connectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = file.FullName }.ToString();
        services.AddPosFleet().UseSqliteStorage(o =>
        {
            o.ConnectionString = connectionString;
            o.CheckOnOpen = check;
        }).AddDigests(o => o.EnableScheduler = false);
        var storage = services.BuildServiceProvider();
        _ = storage.GetRequiredService<IOptions<SqliteStorageOptions>>().Value;
        if (notifier is null)
        {
            return new DigestAccess(storage, null);
        }

        var store = storage.GetRequiredService<IDigestStore>();
        var engine = new ServiceCollection();
        if (time is not null)
        {
            engine.AddSingleton(time);
        }

        // Outcomes are printed from the results; the engine's own log stays quiet.
        engine.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        engine.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        var builder = engine.AddPosFleet().AddDigests(o =>
        {
            o.EnableScheduler = false;
            o.CatchUp = catchUp;
        });
        notifier(builder);
        if (rulesFile is not null)
        {
            // The runner reads the translated hints from the scanner's classification options.
            engine.Configure<LogScanOptions>(o => o.Classification.RulesFile = rulesFile);
        }

        engine.Replace(ServiceDescriptor.Singleton(storage.GetRequiredService<ILogStore>()));
        engine.Replace(ServiceDescriptor.Singleton(onlySubscription is null ? store : new OneSubscriptionStore(store, onlySubscription)));
        return new DigestAccess(storage, engine.BuildServiceProvider());
    }

    public static Action<IPosFleetBuilder> Pickup(string directory) => b => b.AddPickupFolderNotifier(directory);

    public static Action<IPosFleetBuilder> Smtp(string host, int port, SmtpSecurity security, string? user, string? password, string from) =>
        b => b.AddSmtpNotifier(o =>
        {
            o.Host = host;
            o.Port = port;
            o.Security = security;
            o.UserName = user;
            o.Password = password;
            o.From = from;
        });

    public async ValueTask DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync().ConfigureAwait(false);
        }

        await _storage.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The store as one subscription sees it: the others and their runs are hidden.</summary>
    private sealed class OneSubscriptionStore(IDigestStore inner, string id) : IDigestStore
    {
        public async ValueTask<IReadOnlyList<DigestSubscription>> GetSubscriptionsAsync(CancellationToken cancellationToken) =>
            [.. (await inner.GetSubscriptionsAsync(cancellationToken).ConfigureAwait(false)).Where(s => s.Id == id)];

        public ValueTask<DigestSubscription?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
            inner.GetSubscriptionAsync(subscriptionId, cancellationToken);

        public ValueTask SaveSubscriptionAsync(DigestSubscription subscription, CancellationToken cancellationToken) =>
            inner.SaveSubscriptionAsync(subscription, cancellationToken);

        public ValueTask<bool> RemoveSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
            inner.RemoveSubscriptionAsync(subscriptionId, cancellationToken);

        public ValueTask<DigestRun?> TryClaimRunAsync(DigestRunClaim claim, CancellationToken cancellationToken) => inner.TryClaimRunAsync(claim, cancellationToken);

        public ValueTask<bool> UpdateRunAsync(DigestRun run, CancellationToken cancellationToken) => inner.UpdateRunAsync(run, cancellationToken);

        public ValueTask<DigestRun?> GetRunAsync(DigestRunKey key, CancellationToken cancellationToken) => inner.GetRunAsync(key, cancellationToken);

        public ValueTask<IReadOnlyList<DigestRun>> QueryRunsAsync(DigestRunQuery query, CancellationToken cancellationToken) =>
            inner.QueryRunsAsync(query with { SubscriptionId = query.SubscriptionId ?? id }, cancellationToken);
    }
}

/// <summary>A clock stopped at one instant (<c>--as-of</c>).</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
