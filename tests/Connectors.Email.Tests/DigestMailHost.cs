using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PosFleet.Digests;
using PosFleet.Logs;
using PosFleet.Logs.Storage;
using PosFleet.Tests.Digests;

namespace PosFleet.Connectors.Email.Tests;

/// <summary>A back office as a host wires it: digests plus an e-mail notifier, on a fake clock and a list of log entries.</summary>
internal sealed class DigestMailHost : IDisposable
{
    public static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    // The window ending Monday 23 November 2026 at 08:00 in Madrid.
    public static readonly DigestWindow Window = new(new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero));

    public static readonly Uri Kb = new("https://kb.example.com/printers/offline");

    private readonly ServiceProvider _provider;

    private DigestMailHost(Action<IPosFleetBuilder> notifier, Action<DigestOptions>? digests)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ILogStore>(Logs);
        var builder = services.AddPosFleet().AddDigests(o =>
        {
            o.EnableScheduler = false;
            o.UseRetryJitter = false; // the tests move the clock by the first retry delay, 5 minutes
            digests?.Invoke(o);
        });
        notifier(builder);
        _provider = services.BuildServiceProvider();
        _ = _provider.GetRequiredService<IOptions<DigestOptions>>().Value;
        Runner = _provider.GetRequiredService<IDigestRunner>();
        Store = _provider.GetRequiredService<IDigestStore>();

        Logs.AddMany(6, Window.Start.AddHours(1), TimeSpan.FromMinutes(10), LogKind.Offline, "till-01", "Printer KITCHEN is offline", hint: "Check the printer's network cable and power.", kb: Kb);
        Logs.AddMany(3, Window.Start.AddHours(2), TimeSpan.FromMinutes(10), LogKind.Offline, "till-02", "Printer KITCHEN is offline", hint: "Check the printer's network cable and power.", kb: Kb);
        Logs.AddMany(2, Window.Start.AddHours(3), TimeSpan.FromMinutes(10), LogKind.Retry, "till-02", "Retrying save of ticket 42");
        Logs.Add(Window.Start.AddHours(4), LogKind.Error, "till-03", "Sync failed: timeout");
    }

    public FakeTimeProvider Time { get; } = new(Window.End.AddSeconds(1));

    public ILogStore Logs { get; } = LogStoreEntries.NewInMemoryStore();

    public IDigestRunner Runner { get; }

    public IDigestStore Store { get; }

    public static async Task<DigestMailHost> StartAsync(Action<IPosFleetBuilder> notifier, IReadOnlyList<string> recipients, Action<DigestOptions>? digests = null)
    {
        var host = new DigestMailHost(notifier, digests);
        await host.Store.SaveSubscriptionAsync(
            new DigestSubscription
            {
                Id = "shop-12",
                Name = "Shop 12 follow-up",
                Recipients = recipients,
                MinimumThreshold = 10,
                Organization = "shop-12",
                TimeZone = "Europe/Madrid",
            },
            CancellationToken.None);
        return host;
    }

    public static string MessageIdOf(DigestRunKey key) => Internal.MimeMessageFactory.MessageIdFor(key.IdempotencyKey, "example.com");

    public void Dispose() => _provider.Dispose();
}
