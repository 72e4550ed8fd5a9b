using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests;

/// <summary>Classified log entries written for a test, appended to a store as one batch of one source.</summary>
internal sealed class TestLog(string source = "fleet.log")
{
    private readonly List<LogEntry> _entries = [];

    /// <summary>Adds <paramref name="times"/> entries whose message is <paramref name="template"/>.</summary>
    public TestLog Add(
        DateTimeOffset at, LogSeverity severity, LogKind kind, string template, string? terminal = "POS-0001", string? organization = "ACME",
        string? hint = null, Uri? knowledgeBaseUrl = null, int times = 1, string? origin = null)
    {
        for (var i = 0; i < times; i++)
        {
            _entries.Add(new LogEntry
            {
                Timestamp = at,
                Severity = severity,
                Kind = kind,
                Level = severity switch { LogSeverity.Error => "ERROR", LogSeverity.Alert => "WARN", _ => "INFO" },
                Message = template,
                Template = template,
                TemplateId = Fnv1a(template),
                Terminal = terminal,
                Organization = organization,
                Rule = hint is null ? null : "test-rule",
                Origin = origin,
                Hint = hint,
                KnowledgeBaseUrl = knowledgeBaseUrl,
                Position = new LogPosition(source, _entries.Count + 1),
            });
        }

        return this;
    }

    public async Task AppendToAsync(ILogStore store) =>
        await store.AppendAsync(new LogBatch(_entries, new IngestCheckpoint(source, _entries.Count * 100L, _entries.Count, 42)), CancellationToken.None);

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
