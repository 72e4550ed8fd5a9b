// notify-kill run --dir DIR --events N [--smtp PORT]
//     A back office over DIR/notify.db whose notification engine e-mails (through the SMTP server on 127.0.0.1:PORT,
//     else to the pickup folder DIR/mail), pushes (FilePushNotifier: one line a push in DIR/push.log) and in-app-notifies
//     two administrators when an intervention is created Open. It publishes events e-1 … e-N (all of them, again,
//     on every start: a restarted host republishes what it may not have recorded), lets the hosted dispatcher send,
//     and exits 0 once nothing is pending. ../notify-kill.sh SIGKILLs it at random moments and restarts it.
// notify-kill bench --dir DIR --events N [--store memory|sqlite]
//     Events per second through the rules to the in-app inbox, and to the pickup folder (published until sent).
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PosFleet;
using PosFleet.Connectors.Email;
using PosFleet.Connectors.Sqlite;
using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

var options = args.Skip(1).Select((a, i) => (a, i: i + 1)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
var dir = options["dir"];
var events = int.Parse(options["events"], CultureInfo.InvariantCulture);
var verb = args.FirstOrDefault();
var sqlite = verb == "run" || options.GetValueOrDefault("store", "sqlite") == "sqlite";
Directory.CreateDirectory(dir);

// The trial pushes too; the bench measures e-mail and in-app only, as its figures always have.
var channels = new Dictionary<string, IList<string>> { ["email"] = ["administrators"], ["inapp"] = ["administrators"] };
if (verb == "run")
{
    channels["push"] = ["administrators"];
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Services.AddSingleton<INotificationDirectory, Admins>();
var posfleet = builder.Services.AddPosFleet()
    .AddNotificationEngine(o =>
    {
        o.Rules.Add(new NotificationRule
        {
            Kind = "intervention",
            States = ["Open"],
            Channels = channels,
        });
        o.ClaimLease = TimeSpan.FromSeconds(2); // a killed dispatcher's claims lapse quickly
        o.PollInterval = TimeSpan.FromMilliseconds(200);
    })
    ;
if (options.TryGetValue("smtp", out var smtpPort))
{
    // A real SMTP server sees every send, resends included: the pickup folder would replace a file of the same key.
    posfleet.AddSmtpNotifier(o =>
    {
        o.Host = "127.0.0.1";
        o.Port = int.Parse(smtpPort, CultureInfo.InvariantCulture);
        o.Security = SmtpSecurity.None;
        o.From = "fleet@example.com";
    });
}
else
{
    posfleet.AddPickupFolderNotifier(Path.Combine(dir, "mail"), o => o.From = "fleet@example.com");
}

if (verb == "run")
{
    posfleet.AddNotifier(NotificationChannel.Push, _ => new FilePushNotifier(Path.Combine(dir, "push.log")));
}

if (sqlite)
{
    posfleet.UseSqliteStorageFile(Path.Combine(dir, "notify.db"));
}

using var host = builder.Build();
var publisher = host.Services.GetRequiredService<IItemEventPublisher>();
var store = host.Services.GetRequiredService<INotificationStore>();
var time = host.Services.GetRequiredService<TimeProvider>();

if (verb == "bench")
{
    // In-app only first (no dispatcher, no mail): rules → directory → template → inbox.
    var watch = Stopwatch.StartNew();
    for (var i = 1; i <= events; i++)
    {
        await publisher.PublishAsync(Event($"inbox-{i}", i), default);
    }

    var publish = watch.Elapsed;
    await host.StartAsync();
    watch.Restart();
    while ((await store.QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1", State = NotificationDeliveryState.Pending, Limit = 1 }, default)).Count > 0)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(20), time);
    }

    var send = watch.Elapsed;
    await host.StopAsync();
    var mails = Directory.GetFiles(Path.Combine(dir, "mail"), "*.eml").Length;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"store {(sqlite ? "sqlite" : "memory")}: {events} events (2 recipients each, e-mail + in-app) published in {publish.TotalSeconds:F2} s = {events / publish.TotalSeconds:F0} events/s to the inbox and outbox; {mails} mails written to the pickup folder in {send.TotalSeconds:F2} s more = {events / (publish + send).TotalSeconds:F0} events/s end to end"));
    return 0;
}

await host.StartAsync();
for (var i = 1; i <= events; i++)
{
    await publisher.PublishAsync(Event($"e-{i}", i), default);
}

while ((await store.QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1", State = NotificationDeliveryState.Pending, Limit = 1 }, default)).Count > 0)
{
    await Task.Delay(TimeSpan.FromMilliseconds(50), time);
}

await host.StopAsync();
return 0;

ItemEvent Event(string id, int i) => new()
{
    EventId = id,
    Type = ItemEventType.Created,
    OccurredAt = time.GetUtcNow(),
    Item = new NotificationItem
    {
        Id = $"INT-{i}", Kind = "intervention", Title = $"INT-{i}", State = "Open", OrganizationId = "org-1",
        Link = new Uri($"https://fleet.example/interventions/INT-{i}"),
    },
};

/// <summary>Two administrators, both reachable by e-mail and in-app.</summary>
internal sealed class Admins : INotificationDirectory
{
    private static readonly NotificationRecipient[] People =
    [
        new() { Id = "admin-1", DisplayName = "Anna", Email = "anna@example.it", Audience = NotificationAudience.Administrators, HasLogin = true, HasProfile = true },
        new() { Id = "admin-2", DisplayName = "Bruno", Email = "bruno@example.it", Audience = NotificationAudience.Administrators, HasLogin = true, HasProfile = true },
    ];

    public ValueTask<IReadOnlyList<NotificationRecipient>> GetAdministratorsAsync(string organizationId, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>(People);

    public ValueTask<NotificationRecipient?> GetCustomerContactAsync(string organizationId, string customerId, CancellationToken cancellationToken) => ValueTask.FromResult<NotificationRecipient?>(null);

    public ValueTask<IReadOnlyList<NotificationRecipient>> GetTechniciansAsync(string organizationId, IReadOnlyList<string> technicianIds, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);

    public ValueTask<IReadOnlyList<NotificationRecipient>> GetRoleMembersAsync(string organizationId, string role, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);
}
