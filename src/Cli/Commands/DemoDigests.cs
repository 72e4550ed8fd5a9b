using System.Globalization;
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

    /// <summary>Saves the demo subscriptions and audits the 24 hours ending at <paramref name="end"/>, writing the messages into <c>mail/</c>.</summary>
    public static async Task<int> RunAsync(DirectoryInfo dir, FileInfo db, DateTimeOffset end, TextWriter output, CancellationToken cancellationToken)
    {
        var mail = Path.Combine(dir.FullName, "mail");
        if (Directory.Exists(mail))
        {
            Directory.Delete(mail, recursive: true);
        }

        output.WriteLine($"Threshold digests over the last 24 hours (posfleet digest add / run --now --pickup {mail}):");
        try
        {
            var access = DigestAccess.Open(db, DigestAccess.Pickup(mail), check: false, time: new FixedTimeProvider(end)); // the demo has just written and checked the store
            await using (access.ConfigureAwait(false))
            {
                foreach (var subscription in Subscriptions)
                {
                    await access.Store.SaveSubscriptionAsync(subscription, cancellationToken).ConfigureAwait(false);
                    var result = await access.Runner.AuditAsync(subscription.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                    output.WriteLine(Describe(subscription, result));
                }
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
