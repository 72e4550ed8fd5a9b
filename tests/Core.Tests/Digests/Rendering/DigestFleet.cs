using PosFleet.Digests;
using PosFleet.Digests.Rendering;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Digests.Rendering;

/// <summary>Log entries of a fleet, appended to the real in-memory log store, and the digest rendered from them.</summary>
internal sealed class DigestFleet
{
    public static readonly DigestWindow Window = DigestFixture.DailyWindow(2026, 11, 23);

    private readonly List<LogEntry> _entries = [];

    public DigestFleet Add(DateTimeOffset at, LogKind kind, string terminal, string message, string? template = null, string? hint = null, Uri? kb = null)
    {
        template ??= message;
        _entries.Add(new LogEntry
        {
            Timestamp = at,
            Kind = kind,
            Severity = LogSeverity.Error,
            Terminal = terminal,
            Organization = "shop-12",
            Message = message,
            Template = template,
            TemplateId = (uint)template.GetHashCode(StringComparison.Ordinal),
            Rule = hint is null ? null : "rule-" + kind,
            Hint = hint,
            KnowledgeBaseUrl = kb,
            Position = new LogPosition("fleet.log", _entries.Count + 1),
        });
        return this;
    }

    /// <summary>
    /// One message written by <paramref name="terminals"/> terminals, the last three by name more often than the others:
    /// the last most, so that the busiest are not the first by name.
    /// </summary>
    public DigestFleet Spread(LogKind kind, string template, int terminals, string? message = null, string? hint = null, Uri? kb = null)
    {
        for (var t = 1; t <= terminals; t++)
        {
            var times = t > terminals - 3 ? 4 - (terminals - t) : 1;
            for (var i = 0; i < times; i++)
            {
                Add(Window.Start.AddMinutes((t * 3) + i), kind, $"POS-{t:0000}", message ?? template, template, hint, kb);
            }
        }

        return this;
    }

    public async Task<ILogStore> StoreAsync()
    {
        var store = new InMemoryLogStore();
        await store.AppendAsync(new LogBatch(_entries, new IngestCheckpoint("fleet.log", 0, _entries.Count, 0)), CancellationToken.None);
        return store;
    }

    public async Task<RenderedDigest> RenderAsync(DigestSubscription? subscription = null, bool isTest = false, int maxGroups = 20, int maxTerminals = 20)
    {
        var s = subscription ?? DigestFixture.Subscription();
        var builder = new DigestContentBuilder(await StoreAsync(), new DigestOptions { MaxGroups = maxGroups, MaxTerminals = maxTerminals });
        var count = await builder.CountAsync(s, Window, CancellationToken.None);
        var digest = DigestRenderer.Render(await builder.BuildAsync(s, Window, count, isTest, CancellationToken.None));

        // ICU puts a narrow no-break space before AM/PM; the assertions are easier to read with plain spaces.
        return digest with { Subject = digest.Subject.Replace('\u202F', ' '), Text = digest.Text.Replace('\u202F', ' ') };
    }

    /// <summary>
    /// A day of a 400-terminal fleet like the demo's: payment and database errors, printer and kitchen failures,
    /// network outages, retries; hints and knowledge-base articles where the default rules give them.
    /// </summary>
    public static DigestFleet Demo()
    {
        var random = new Random(42);
        var fleet = new DigestFleet();
        void Many(LogKind kind, string template, Func<string> message, int count, string? hint = null, string? kb = null)
        {
            for (var i = 0; i < count; i++)
            {
                // Skewed towards low terminal numbers, so that some terminals are clearly the busiest.
                var terminal = (int)(400 * Math.Pow(random.NextDouble(), 1.6)) + 1;
                var at = Window.Start.AddSeconds(random.Next((int)(Window.End - Window.Start).TotalSeconds));
                fleet.Add(at, kind, $"POS-{terminal:0000}", message(), template, hint, kb is null ? null : new Uri("https://kb.posfleet.dev/" + kb));
            }
        }

        Many(LogKind.Error, "payment service returned status <*> for ref=<*>", () => $"payment service returned status {(random.Next(2) == 0 ? 502 : 503)} for ref=T-{random.Next(100000, 999999)}", 292);
        Many(LogKind.Error, "could not save ticket ref=<*> database is locked", () => $"could not save ticket ref=T-{random.Next(100000, 999999)}: database is locked", 281,
            "The terminal's local database could not be written: free disk space or restart the POS application.", "database-locked");
        Many(LogKind.Fail, "paper out on printer <*>, ticket ref=<*> not printed", () => $"paper out on printer {random.Next(1, 3)}, ticket ref=T-{random.Next(100000, 999999)} not printed", 127,
            "Load a new paper roll in the printer and reprint the last ticket.", "printer-paper-out");
        Many(LogKind.Fail, "card declined ref=<*>", () => $"card declined ref=T-{random.Next(100000, 999999)}", 128,
            "The bank declined the payment: ask the customer for another means of payment.", "payment-declined");
        Many(LogKind.Offline, "printer not responding at <*>", () => $"printer not responding at 192.168.1.{random.Next(2, 250)}", 166,
            "Check the printer's power and network cable, then print a test ticket from the terminal.", "printer-offline");
        Many(LogKind.Offline, "no internet connection, <*> tickets kept in the outbox", () => $"no internet connection, {random.Next(2, 90)} tickets kept in the outbox", 124,
            "The terminal lost its network: check the router and the terminal's Wi-Fi or cable; tickets are kept and sent when it is back.", "network-lost");
        Many(LogKind.Retry, "request timed out, retrying in <*> s", () => $"request timed out, retrying in {1 << random.Next(1, 6)} s", 67,
            "A call to the back office timed out and will be retried; if it keeps happening, check the terminal's connection quality.", "sync-timeout");
        Many(LogKind.Retry, "retrying print job <*>", () => $"retrying print job {random.Next(1000, 9999)}", 70);
        return fleet;
    }
}
