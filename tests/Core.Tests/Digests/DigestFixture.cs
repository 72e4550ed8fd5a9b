using Microsoft.Extensions.Logging.Abstractions;
using PosFleet.Digests;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Digests;

/// <summary>A digest engine on a fake clock: log entries in a list, the in-memory ledger, a recording notifier.</summary>
internal sealed class DigestFixture
{
    public static readonly TimeZoneInfo Madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");

    public DigestFixture(DateTimeOffset now) => Time = new TestClock(now);

    public TestClock Time { get; }

    public InMemoryLogStore Logs { get; } = new();

    public InMemoryDigestStore Store { get; } = new();

    public RecordingNotifier Notifier { get; } = new();

    public Action<DigestOptions> Configure { get; set; } = _ => { };

    /// <summary>The host's rule catalog: the built-in rules unless a test gives others.</summary>
    public PosFleet.Logs.Classification.IClassificationRuleCatalog Rules { get; set; } =
        new PosFleet.Logs.Classification.ClassificationRuleCatalog(PosFleet.Logs.Classification.DefaultClassificationRules.All);

    public static DigestSubscription Subscription(string id = "shop-12", int threshold = 5, bool test = false, string culture = "en") => new()
    {
        Id = id,
        Name = "Shop 12 follow-up",
        Recipients = ["ana@example.es", "ops@example.com"],
        MinimumThreshold = threshold,
        TestMode = test,
        Organization = "shop-12",
        TimeZone = "Europe/Madrid",
        SendTime = new TimeOnly(8, 0),
        Culture = culture,
    };

    public DigestOptions Options(string host = "host-a")
    {
        var o = new DigestOptions { HostId = host };
        Configure(o);
        return o;
    }

    public DigestRunner Runner(string host = "host-a", PosFleet.Notifications.Items.IItemEventPublisher? notifications = null) =>
        new(Store, Logs, Notifier, Rules, Microsoft.Extensions.Options.Options.Create(Options(host)), Time, NullLogger<DigestRunner>.Instance, notifications);

    public DigestScheduler Scheduler(IDigestRunner runner, string host = "host-a") =>
        new(runner, Store, Microsoft.Extensions.Options.Options.Create(Options(host)), Time, NullLogger<DigestScheduler>.Instance);

    public async Task<DigestSubscription> SaveAsync(DigestSubscription s)
    {
        await Store.SaveSubscriptionAsync(s, CancellationToken.None);
        return s;
    }

    /// <summary>The Madrid instant of a local date and time.</summary>
    public static DateTimeOffset MadridTime(int year, int month, int day, int hour, int minute = 0) =>
        new(new DateTime(year, month, day, hour, minute, 0), Madrid.GetUtcOffset(new DateTime(year, month, day, hour, minute, 0)));

    /// <summary>The scheduled window ending at 08:00 Madrid on the given day (a calendar day, 23 or 25 hours on DST changes).</summary>
    public static DigestWindow DailyWindow(int year, int month, int day)
    {
        var before = new DateOnly(year, month, day).AddDays(-1);
        return new(MadridTime(before.Year, before.Month, before.Day, 8), MadridTime(year, month, day, 8));
    }
}
