using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PosFleet.Connectors.Email;
using PosFleet.Digests;

namespace PosFleet.Cli.Commands;

/// <summary>The end of <c>posfleet demo</c>: four digest subscriptions over its store, run into an <c>.eml</c> pickup folder.</summary>
internal static class DemoDigests
{
    private static readonly DigestSubscription[] Subscriptions =
    [
        new()
        {
            Id = "fleet-errors", Name = "Fleet errors", Recipients = ["ops@example.com", "support@example.com"],
            MinimumThreshold = 100, TimeZone = "Europe/London", Culture = "en",
        },
        new()
        {
            Id = "fleet-offline-es", Name = "Terminales sin conexión", Recipients = ["ana@example.es"],
            MinimumThreshold = 10, Kinds = new HashSet<Logs.LogKind> { Logs.LogKind.Offline }, TimeZone = "Europe/Madrid", Culture = "es",
        },
        new()
        {
            Id = "quiet-week", Name = "Only a disaster", Recipients = ["cto@example.com"],
            MinimumThreshold = 10_000_000, TimeZone = "UTC", Culture = "en",
        },
        new()
        {
            Id = "new-subscriber", Name = "Discover and receive mail", Recipients = ["new.admin@example.it"],
            MinimumThreshold = 10_000_000, TestMode = true, TimeZone = "Europe/Rome", Culture = "it",
        },
    ];

    /// <summary>Empties the demo's pickup folder, <c>mail/</c>, and returns its path.</summary>
    public static string PrepareMailFolder(DirectoryInfo dir)
    {
        var mail = Path.Combine(dir.FullName, "mail");
        if (Directory.Exists(mail))
        {
            Directory.Delete(mail, recursive: true);
        }

        return mail;
    }

    /// <summary>
    /// The demo's digest registrations on its one container: digests without the background scheduler (the demo runs
    /// audits), the pickup folder, and a clock standing at <paramref name="end"/>, the end of the generated log.
    /// </summary>
    public static void Register(IPosFleetBuilder builder, string mail, DateTimeOffset end)
    {
        builder.Services.AddSingleton<TimeProvider>(new FixedTimeProvider(end));
        // Outcomes are printed from the results; the engine's own log stays quiet.
        builder.Services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        builder.Services.TryAddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        builder.AddDigests(o => o.EnableScheduler = false).AddPickupFolderNotifier(mail);
    }

    /// <summary>Saves the demo subscriptions and audits the 24 hours ending at the container's clock, writing the messages into <paramref name="mail"/>.</summary>
    public static async Task<int> RunAsync(StoreAccess access, string mail, FileInfo db, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"Threshold digests over the last 24 hours (posfleet digest add / run --now --pickup {mail}):");
        var store = access.Services.GetRequiredService<IDigestStore>();
        var runner = access.Services.GetRequiredService<IDigestRunner>();
        try
        {
            foreach (var subscription in Subscriptions)
            {
                await store.SaveSubscriptionAsync(subscription, cancellationToken).ConfigureAwait(false);
                var result = await runner.AuditAsync(subscription.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                output.WriteLine(DisplayText.Escape(Describe(subscription, result)));
            }
        }
        catch (PosFleetStorageException ex)
        {
            return ScanCommand.Fail(ExitCodes.StoreUnavailable, ex.Message);
        }

        var files = Directory.Exists(mail) ? Directory.GetFiles(mail, "*.eml") : [];
        output.WriteLine($"{files.Length} message(s) in {mail} (open them with any mail client); the ledger: posfleet digest history --store {db.FullName}");
        return ExitCodes.Success;
    }

    private static string Describe(DigestSubscription subscription, DigestRunResult result)
    {
        var count = result.Run?.Count ?? 0;
        var what = result.Outcome switch
        {
            DigestRunOutcome.Sent when subscription.TestMode => $"sent in test mode (always sent, even below its threshold of {subscription.MinimumThreshold})",
            DigestRunOutcome.Sent => $"sent to {string.Join(", ", subscription.Recipients)}",
            DigestRunOutcome.BelowThreshold => $"not sent: {count} is below its threshold of {subscription.MinimumThreshold}",
            _ => $"not sent: {result.Outcome.ToString().ToLowerInvariant()} ({result.Run?.Error})",
        };
        return string.Create(CultureInfo.InvariantCulture, $"  {subscription.Id,-18} {subscription.Culture}  {count,8} entries  {what}");
    }
}
