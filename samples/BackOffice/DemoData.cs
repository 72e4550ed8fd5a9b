using System.IO.Hashing;
using System.Text;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Samples.BackOffice;

/// <summary>
/// Demo activity for the back office's pages: 48 hours of two organizations' tills (tickets closed, retries, payment
/// timeouts, lost connections), with hints, knowledge-base links and where the rule says the error came from, and one
/// line whose customer name holds markup, as a hostile till could send. Appended to the log store as an ingest would, once: a store that already holds it is
/// left alone. Deterministic for a given <c>now</c>.
/// </summary>
public static class DemoData
{
    /// <summary>The source the demo entries are recorded under.</summary>
    public const string Source = "demo/activity.log";

    /// <summary>The reference of the line whose message holds <c>&lt;script&gt;</c>.</summary>
    public const string MarkupReference = "T-90001";

    /// <summary>The message of that line.</summary>
    public const string MarkupMessage = "Customer name <script>alert('pwned')</script> rejected by ERP for ticket T-90001";

    /// <summary>The terminals of each organization.</summary>
    public static IReadOnlyDictionary<string, string[]> Terminals { get; } = new Dictionary<string, string[]>
    {
        ["shop-12"] = ["till-01", "till-02", "till-03", "till-04", "till-05", "till-06"],
        ["shop-34"] = ["till-31", "till-32", "till-33"],
    };

    /// <summary>Where the payment timeouts' rule says they come from (<c>ClassificationRule.Origin</c>).</summary>
    public const string PaymentOrigin = "card reader";

    private static readonly Uri PaymentKb = new("https://kb.example.com/pos/payment-timeout");
    private static readonly Uri OfflineKb = new("https://kb.example.com/pos/erp-offline");

    /// <summary>Appends the last 48 hours before <paramref name="now"/>; returns how many entries were new (0 when already there).</summary>
    public static async Task<int> SeedAsync(ILogStore store, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.GetCheckpointAsync(Source, cancellationToken) is not null)
        {
            return 0;
        }

        var random = new Random(12);
        var entries = new List<LogEntry>();
        var firstHour = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddHours(-47);
        var ticket = 10_000;
        for (var h = 0; h < 48; h++)
        {
            var hour = firstHour.AddHours(h);
            foreach (var (organization, terminals) in Terminals)
            {
                foreach (var terminal in terminals)
                {
                    var busy = terminal is "till-03" or "till-32";
                    for (var i = 3 + random.Next(5); i > 0; i--)
                    {
                        ticket++;
                        entries.Add(Entry(hour, random, organization, terminal, LogKind.None, LogSeverity.Success, "INFO",
                            $"Ticket T-{ticket} closed, total {random.Next(2, 200)}.{random.Next(10, 99)} EUR", "Ticket <*> closed, total <*> EUR", $"T-{ticket}"));
                    }

                    if (random.NextDouble() < 0.3)
                    {
                        // From the third try the till says why, so "refused" is found in retries as well as lost connections.
                        var attempt = random.Next(1, 5);
                        var (message, template) = attempt < 3
                            ? ($"Retry {attempt} of 5 sending ticket T-{ticket} to ERP", "Retry <*> of <*> sending ticket <*> to ERP")
                            : ($"Retry {attempt} of 5 sending ticket T-{ticket} to ERP: connection refused", "Retry <*> of <*> sending ticket <*> to ERP: connection refused");
                        entries.Add(Entry(hour, random, organization, terminal, LogKind.Retry, LogSeverity.Alert, "WARN", message, template, $"T-{ticket}",
                            "The ERP answers slowly; nothing to do unless retries reach 5."));
                    }

                    if (random.NextDouble() < (busy ? 0.6 : 0.12))
                    {
                        entries.Add(Entry(hour, random, organization, terminal, LogKind.Error, LogSeverity.Error, "ERROR",
                            $"Payment terminal timeout after 30 s on ticket T-{ticket}", "Payment terminal timeout after <*> s on ticket <*>", $"T-{ticket}",
                            "Check the card reader's cable and restart it; if it persists, replace the reader.", PaymentKb, PaymentOrigin));
                    }

                    if (random.NextDouble() < (busy ? 0.25 : 0.04))
                    {
                        entries.Add(Entry(hour, random, organization, terminal, LogKind.Offline, LogSeverity.Error, "ERROR",
                            "Connection to ERP lost: connection refused", "Connection to ERP lost: connection refused", null,
                            "The till keeps selling offline; check the shop's internet line.", OfflineKb, "ERP link"));
                    }
                }
            }
        }

        entries.Add(Entry(firstHour.AddHours(45), random, "shop-12", "till-02", LogKind.Error, LogSeverity.Error, "ERROR",
            MarkupMessage, "Customer name <*> rejected by ERP for ticket <*>", MarkupReference));
        entries.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        var numbered = entries.Select((e, i) => e with { Position = new LogPosition(Source, i + 1) }).ToList();
        return await store.AppendAsync(new LogBatch(numbered, new IngestCheckpoint(Source, numbered.Count * 100L, numbered.Count, 1)), cancellationToken);
    }

    private static LogEntry Entry(
        DateTimeOffset hour, Random random, string organization, string terminal, LogKind kind, LogSeverity severity, string level,
        string message, string template, string? reference, string? hint = null, Uri? kb = null, string? origin = null) => new()
        {
            Timestamp = hour.AddSeconds(random.Next(0, 3600)),
            Organization = organization,
            Terminal = terminal,
            Component = "pos",
            Level = level,
            Kind = kind,
            Severity = severity,
            Message = message,
            Template = template,
            TemplateId = XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(template)),
            Reference = reference,
            Rule = hint is null ? null : "demo-" + kind.ToString().ToLowerInvariant(),
            Hint = hint,
            KnowledgeBaseUrl = kb,
            Origin = origin,
        };
}
