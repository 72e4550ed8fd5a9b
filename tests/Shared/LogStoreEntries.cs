using Microsoft.Extensions.DependencyInjection;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Digests;

/// <summary>
/// Error entries for a digest test, appended to a real log store as an ingest appends them: one source, lines numbered on
/// from the source's checkpoint, one batch per call. The stores complete synchronously in memory.
/// </summary>
internal static class LogStoreEntries
{
    private const string Source = "test.log";

    /// <summary>The in-memory store a host gets when it registers none (for test projects that cannot see its internal type).</summary>
    public static ILogStore NewInMemoryStore() =>
        new ServiceCollection().AddPosFleet().Services.BuildServiceProvider().GetRequiredService<ILogStore>();

    public static TStore Add<TStore>(
        this TStore store, DateTimeOffset at, LogKind kind, string terminal, string message, string? template = null, string? hint = null, Uri? kb = null, string organization = "shop-12")
        where TStore : ILogStore
    {
        Append(store, [(at, kind, terminal, message, template, hint, kb, organization)]);
        return store;
    }

    public static TStore AddMany<TStore>(
        this TStore store, int count, DateTimeOffset from, TimeSpan step, LogKind kind, string terminal, string message, string? hint = null, Uri? kb = null)
        where TStore : ILogStore
    {
        Append(store, [.. Enumerable.Range(0, count).Select(i => (from + (step * i), kind, terminal, message, (string?)null, hint, kb, "shop-12"))]);
        return store;
    }

    /// <summary>Deletes every entry (the source's checkpoint stays, so later entries number on from it).</summary>
    public static void Clear(this ILogStore store) =>
        store.DeleteOlderThanAsync(DateTimeOffset.MaxValue, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    private static void Append(ILogStore store, IReadOnlyList<(DateTimeOffset At, LogKind Kind, string Terminal, string Message, string? Template, string? Hint, Uri? Kb, string Organization)> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        var line = store.GetCheckpointAsync(Source, CancellationToken.None).AsTask().GetAwaiter().GetResult()?.Line ?? 0;
        var entries = items.Select(e =>
        {
            var template = e.Template ?? e.Message;
            return new LogEntry
            {
                Timestamp = e.At,
                Kind = e.Kind,
                Severity = LogSeverity.Error,
                Terminal = e.Terminal,
                Organization = e.Organization,
                Message = e.Message,
                Template = template,
                TemplateId = (ulong)template.GetHashCode(StringComparison.Ordinal) & 0xFFFFFFFF,
                Rule = e.Hint is null ? null : "rule-" + e.Kind,
                Hint = e.Hint,
                KnowledgeBaseUrl = e.Kb,
                Position = new LogPosition(Source, ++line),
            };
        }).ToList();
        store.AppendAsync(new LogBatch(entries, new IngestCheckpoint(Source, line * 100, line, 42)), CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }
}
