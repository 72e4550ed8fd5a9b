using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosFleet.Digests;
using PosFleet.Logs;
using PosFleet.Logs.Storage;
using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;
using PosFleet.Sync;
using PosFleet.Updates;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>
/// PosFleet's own events survive a host that dies between the cause and the publish: a rollout halt, or a digest that
/// could not be delivered, stored in the SQLite file but never published, is notified when the back office starts again
/// (the republishing runs after start), and once however often it restarts.
/// </summary>
public sealed class SqliteOwnEventsRestartTests : IDisposable
{
    private static readonly DigestSubscription Subscription = new()
    {
        Id = "shop-12", Name = "Shop 12 follow-up", Organization = "shop-12", Recipients = ["ops@example.com"], MinimumThreshold = 1,
        TimeZone = "Europe/Madrid", SendTime = new TimeOnly(8, 0),
    };

    private readonly TempDirectory _dir = new();
    private readonly TestClock _clock = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StartAsync_HaltStoredButNotPublishedBeforeTheHostDied_NotifiedOnceAcrossRestarts()
    {
        using (var dying = Build(new DyingPublisher()))
        {
            await dying.StartAsync();
            var catalog = dying.Services.GetRequiredService<IPackageCatalog>();
            Assert.True(await catalog.PublishAsync(Release("35.0")));
            await catalog.SetTargetAsync("ACME", "pos", "35.0", new PackageRollout { Stages = [50, 100] });
            // The halt is stored, then the host dies where it would have published it.
            await Assert.ThrowsAsync<InvalidOperationException>(() => catalog.HaltAsync("ACME", "bad build reported by the help desk").AsTask());
        }

        for (var start = 1; start <= 3; start++)
        {
            using var host = Build(publisher: null);
            await host.StartAsync();
            await RepublishedAsync(host);
            var inbox = await host.Services.GetRequiredService<INotificationStore>().ListInboxAsync(new NotificationInboxQuery { OrganizationId = "ACME", RecipientId = "admin-1" }, default);
            await host.StopAsync();

            var entry = Assert.Single(inbox.Entries);
            Assert.Equal(("rollout", "pos/35.0"), (entry.ItemKind, entry.ItemId));
            Assert.Contains("bad build reported by the help desk", entry.Subject + entry.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HaltAsync_NewReasonWhileHalted_KeepsTheHaltsInstantSoItIsNotNotifiedAgain()
    {
        using var host = Build(publisher: null);
        await host.StartAsync();
        var catalog = host.Services.GetRequiredService<IPackageCatalog>();
        Assert.True(await catalog.PublishAsync(Release("35.0")));
        await catalog.SetTargetAsync("ACME", "pos", "35.0", new PackageRollout { Stages = [50, 100] });
        var halted = await catalog.HaltAsync("ACME", "bad build");
        _clock.Advance(TimeSpan.FromMinutes(3));
        var reworded = await catalog.HaltAsync("ACME", "bad build: printer driver");
        await host.StopAsync();

        using var restarted = Build(publisher: null);
        await restarted.StartAsync();
        await RepublishedAsync(restarted);
        var inbox = await restarted.Services.GetRequiredService<INotificationStore>().ListInboxAsync(new NotificationInboxQuery { OrganizationId = "ACME", RecipientId = "admin-1" }, default);
        await restarted.StopAsync();

        Assert.Equal(halted!.Rollout.ChangedAt, reworded!.Rollout.ChangedAt);
        Assert.Equal("bad build: printer driver", reworded.Rollout.HaltedReason);
        Assert.Single(inbox.Entries);
    }

    [Fact]
    public async Task StartAsync_DigestNotDeliveredAndNotPublishedBeforeTheHostDied_NotifiedOnceAcrossRestarts()
    {
        var window = new DigestWindow(_clock.GetUtcNow().AddDays(-1), _clock.GetUtcNow().AddMinutes(-5));
        using (var dying = Build(new DyingPublisher()))
        {
            await dying.StartAsync();
            await dying.Services.GetRequiredService<IDigestStore>().SaveSubscriptionAsync(Subscription, default);
            await AppendOfflineEntriesAsync(dying.Services.GetRequiredService<ILogStore>(), window.Start.AddHours(1));
            // Every recipient refuses the digest: the run is recorded as failed, then the host dies where it would have
            // published that (the publish throws, as the process would have vanished).
            var run = await dying.Services.GetRequiredService<IDigestRunner>().RunWindowAsync(Subscription.Id, window);
            Assert.Equal(DigestRunOutcome.Failed, run.Outcome);
            Assert.Empty((await Inbox(dying, "shop-12")).Entries);
        }

        for (var start = 1; start <= 3; start++)
        {
            using var host = Build(publisher: null);
            await host.StartAsync();
            await RepublishedAsync(host);
            var inbox = await Inbox(host, "shop-12");
            await host.StopAsync();

            var entry = Assert.Single(inbox.Entries);
            Assert.Equal(("digest", Subscription.Id), (entry.ItemKind, entry.ItemId));
            Assert.Contains("ops@example.com", entry.Subject + entry.Text, StringComparison.Ordinal);
        }
    }

    private IHost Build(IItemEventPublisher? publisher)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(_clock);
        if (publisher is not null)
        {
            builder.Services.AddSingleton(publisher);
        }

        builder.Services.AddSingleton<INotificationDirectory, SqliteNotificationHost.OneAdministrator>();
        builder.Services.AddPosFleet()
            .AddNotificationEngine(o =>
            {
                o.EnableDispatcher = false;
                o.Rules.Add(new NotificationRule { Kind = "rollout", States = ["Halted"], Channels = new Dictionary<string, IList<string>> { ["inapp"] = ["administrators"] } });
                o.Rules.Add(new NotificationRule { Kind = "digest", States = ["Failed"], Channels = new Dictionary<string, IList<string>> { ["inapp"] = ["administrators"] } });
            })
            .AddNotifier(NotificationChannel.Email, _ => new RefusingMailServer())
            .UseSqliteStorageFile(Path.Combine(_dir.Path, "backoffice.db"))
            .AddSyncBackOffice()
            .AddPackageBackOffice()
            .AddDigests(o => o.EnableScheduler = false);
        return builder.Build();
    }

    // The republishing of own events runs after start, in the background: what a restart notifies is there once it ends.
    private static Task RepublishedAsync(IHost host) =>
        host.Services.GetServices<IHostedService>().OfType<BackgroundService>().Single(s => s.GetType().Name == "OwnEventsRepublishService").ExecuteTask!;

    private static ValueTask<NotificationInboxPage> Inbox(IHost host, string organization) =>
        host.Services.GetRequiredService<INotificationStore>().ListInboxAsync(new NotificationInboxQuery { OrganizationId = organization, RecipientId = "admin-1" }, default);

    private static async Task AppendOfflineEntriesAsync(ILogStore logs, DateTimeOffset from)
    {
        var entries = Enumerable.Range(1, 3).Select(i => new LogEntry
        {
            Timestamp = from.AddMinutes(7 * i), Kind = LogKind.Offline, Severity = LogSeverity.Error, Terminal = "till-01", Organization = "shop-12",
            Message = "Printer KITCHEN is offline", Template = "Printer KITCHEN is offline", TemplateId = 7, Position = new LogPosition("pos.log", i),
        }).ToList();
        await logs.AppendAsync(new LogBatch(entries, new IngestCheckpoint("pos.log", 300, 3, 42)), default);
    }

    private PackageRelease Release(string version)
    {
        var bytes = RandomNumberGenerator.GetBytes(512);
        var path = Path.Combine(_dir.Path, $"pos-{version}.zip");
        File.WriteAllBytes(path, bytes);
        return new PackageRelease { PackageId = "pos", Version = version, Size = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Location = new Uri(path) };
    }

    /// <summary>Stands for the host dying at the publish: the cause is stored, the event never reaches the engine.</summary>
    private sealed class DyingPublisher : IItemEventPublisher
    {
        public ValueTask PublishAsync(ItemEvent itemEvent, CancellationToken cancellationToken) => throw new InvalidOperationException("the host died here");
    }

    /// <summary>A mail server that refuses every recipient for good, as one that does not know them.</summary>
    private sealed class RefusingMailServer : INotifier
    {
        public ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken) =>
            ValueTask.FromResult(NotificationResult.ForAll(message.Recipients, DeliveryStatus.PermanentFailure, "550 no such user"));
    }
}
