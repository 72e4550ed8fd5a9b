using Microsoft.Extensions.Logging;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Logs.Ingest;

/// <summary>What the ingest pipeline tells an operator through the host's logging.</summary>
public sealed class LogIngesterLogTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly InMemoryLogStore _store = new();
    private readonly ListLogger _log = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task IngestAsync_NewThenTruncatedFile_LogsStartCommitTruncationAndFinish()
    {
        var ingester = TestLogs.Ingester(_store, logger: _log);
        var log = _dir.File("till.log", "2026-11-20T10:00:00.000Z [ERROR] printer: paper out\n2026-13-45T99:00:00 x\n");

        await ingester.IngestAsync([log]);
        File.WriteAllText(log, "2026-11-20T11:00:00.000Z [INFO] tickets: ticket closed\n");
        await ingester.IngestAsync([log]);

        // The reading side (start, malformed lines) and the writing side (commits) run side by side: their order varies.
        Assert.Equal(
            new[]
            {
                (LogLevel.Information, $"Ingest of {log} started at its first line."),
                (LogLevel.Debug, $"Ingest of {log} committed 1 entries (1 new) up to line 2 (byte 74)."),
                (LogLevel.Warning, $"Ingest skipped 1 malformed line(s); the first at {log}:2."),
            }.Order(),
            _log.Entries.Take(3).Order());
        Assert.Equal(
            (LogLevel.Information, "Ingest finished: 1 source(s), 2 lines read, 1 new entries stored, 1 malformed, 0 unreadable input(s), canceled: False."),
            _log.Entries[3]);
        // The second ingest: the truncation (reading side) and its commit (writing side) may come in either order.
        Assert.Contains(
            (LogLevel.Information, $"{log} is shorter than its checkpoint (74 bytes) or its first bytes changed (truncated): it is read from its start."),
            _log.Entries.Skip(4));
        Assert.Contains((LogLevel.Information, "Ingest finished: 1 source(s), 1 lines read, 1 new entries stored, 0 malformed, 0 unreadable input(s), canceled: False."), _log.Entries);
    }

    [Fact]
    public async Task IngestAsync_AgainFromACheckpoint_LogsWhereItResumes()
    {
        var log = _dir.File("till.log", "2026-11-20T10:00:00.000Z [ERROR] printer: paper out\n");
        await TestLogs.Ingester(_store).IngestAsync([log]);

        await TestLogs.Ingester(_store, logger: _log).IngestAsync([log]);

        Assert.Equal((LogLevel.Information, $"Ingest of {log} resumed from its checkpoint after line 1 (byte 52)."), _log.Entries[0]);
    }

    private sealed class ListLogger : ILogger<LogIngester>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
