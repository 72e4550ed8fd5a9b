using PosFleet.Logs;
using PosFleet.Logs.Storage;
using Xunit;

namespace PosFleet.Testing.Logs;

/// <content>Many terminals: bounded lists, exact counts.</content>
public abstract partial class LogStoreConformanceTests
{
    /// <summary>
    /// A template written by 250 terminals lists the first <see cref="LogTemplateGroup.MaxTerminalsListed"/> by name
    /// and counts all of them, over a window of whole hours and partial ones.
    /// </summary>
    [Fact]
    public async Task GroupByTemplateAsync_ManyTerminals_ListsTheFirstHundredAndCountsThemAll()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(new LogBatch(ManyTerminals(250), Checkpoint(250)), CancellationToken.None);
        var window = new LogQuery { From = Noon.AddMinutes(-30), To = Noon.AddHours(5) };

        var group = Assert.Single(await store.GroupByTemplateAsync(window, 10, CancellationToken.None));

        Assert.Equal(250, group.TerminalCount);
        Assert.False(group.TerminalCountIsEstimate);
        Assert.Equal(Enumerable.Range(0, LogTemplateGroup.MaxTerminalsListed).Select(i => $"T-{i:000}"), group.Terminals);
    }

    /// <summary>Terminals are counted without being listed: distinct, in the query's window and kinds, unnamed entries left out.</summary>
    [Fact]
    public async Task CountTerminalsAsync_Entries_CountsDistinctTerminalsInScope()
    {
        var store = await CreateStoreAsync();
        List<LogEntry> entries = [.. ManyTerminals(250), new LogEntry { Timestamp = Noon, Message = "nightly export done", Template = "nightly export done", TemplateId = 15, Position = new LogPosition(Source, 251) }];
        await store.AppendAsync(new LogBatch(entries, Checkpoint(251)), CancellationToken.None);

        var all = await store.CountTerminalsAsync(new LogQuery(), CancellationToken.None);
        var offline = await store.CountTerminalsAsync(new LogQuery { Kinds = new HashSet<LogKind> { LogKind.Offline } }, CancellationToken.None);
        var many = await store.CountTerminalsAsync(new LogQuery { From = Noon.AddMinutes(10), To = Noon.AddHours(3).AddMinutes(20) }, CancellationToken.None);

        Assert.Equal((250L, 0L, 190L), (all, offline, many));
    }

    /// <summary>One error a minute from noon, each by another terminal (T-000, T-001 …), all of one template.</summary>
    private static List<LogEntry> ManyTerminals(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new LogEntry
        {
            Timestamp = Noon.AddMinutes(i),
            Terminal = $"T-{i:000}",
            Organization = "ACME",
            Level = "ERROR",
            Kind = LogKind.Error,
            Severity = LogSeverity.Error,
            Message = $"printer {i} not responding",
            Template = "printer <*> not responding",
            TemplateId = 21,
            Position = new LogPosition(Source, i + 1),
        })];
}
