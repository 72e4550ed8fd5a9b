using PosFleet.Logs;
using PosFleet.Logs.Storage;
using Xunit;

namespace PosFleet.Testing.Logs;

/// <content>
/// Counts and groups over windows that do not fall on whole hours, one terminal, one template, and kinds that
/// include successes: a store that keeps hourly totals must still count exactly the entries inside the scope.
/// </content>
public abstract partial class LogStoreConformanceTests
{
    private static readonly DateTimeOffset TenThirty = Noon.AddHours(-1.5);
    private static readonly DateTimeOffset ThirteenFifteen = Noon.AddHours(1.25);

    /// <summary>A window from 10:30 to 13:15 counts the entries inside it, not those of the same hours outside it.</summary>
    [Fact]
    public async Task CountAsync_WindowNotOnWholeHours_CountsOnlyEntriesInsideIt()
    {
        var store = await StoreWithDayAsync();

        var buckets = await store.CountAsync(new LogQuery { From = TenThirty, To = ThirteenFifteen }, CancellationToken.None);

        Assert.Equal(
            [
                new LogCountBucket(Noon.AddHours(-2), LogSeverity.Error, LogKind.Error, 1),
                new LogCountBucket(Noon.AddHours(-1), LogSeverity.Success, LogKind.None, 1),
                new LogCountBucket(Noon.AddHours(-1), LogSeverity.Alert, LogKind.Offline, 1),
                new LogCountBucket(Noon.AddHours(-1), LogSeverity.Error, LogKind.Error, 1),
                new LogCountBucket(Noon, LogSeverity.Error, LogKind.Error, 1),
                new LogCountBucket(Noon.AddHours(1), LogSeverity.Error, LogKind.Error, 1),
            ],
            buckets);
    }

    /// <summary>A group over a window that does not fall on whole hours has the count, first seen and terminals of the entries inside it.</summary>
    [Fact]
    public async Task GroupByTemplateAsync_WindowNotOnWholeHours_AggregatesOnlyEntriesInsideIt()
    {
        var store = await StoreWithDayAsync();

        var groups = await store.GroupByTemplateAsync(new LogQuery { From = TenThirty, To = ThirteenFifteen }, 10, CancellationToken.None);

        var disk = groups[0];
        Assert.Equal((21UL, 3L), (disk.TemplateId, disk.Count));
        Assert.Equal(Noon.AddMinutes(-70), disk.FirstSeen);
        Assert.Equal(Noon.AddMinutes(70), disk.LastSeen);
        Assert.Equal(["POS-0002", "POS-0003"], disk.Terminals);
        Assert.Equal([(23UL, 2L), (22UL, 1L)], groups.Skip(1).Select(g => (g.TemplateId, g.Count)));
    }

    /// <summary>Terminals over a window that does not fall on whole hours count the entries inside it.</summary>
    [Fact]
    public async Task GroupByTerminalAsync_WindowNotOnWholeHours_CountsOnlyEntriesInsideIt()
    {
        var store = await StoreWithDayAsync();

        var groups = await store.GroupByTerminalAsync(new LogQuery { From = TenThirty, To = ThirteenFifteen }, 10, CancellationToken.None);

        Assert.Equal(
            [
                ("POS-0001", "ACME", 2L, Noon.AddMinutes(-40), "None=1,Offline=1"),
                ("POS-0002", "ACME", 2L, Noon.AddMinutes(70), "Error=2"),
                ("POS-0003", "BETA", 2L, Noon.AddMinutes(30), "Error=2"),
            ],
            groups.Select(Row));
    }

    /// <summary>Counts of one terminal, over whole hours and over a window that does not fall on them, are of its entries only.</summary>
    [Fact]
    public async Task CountAsync_OneTerminal_CountsOnlyItsEntries()
    {
        var store = await StoreWithDayAsync();

        var whole = await store.CountAsync(new LogQuery { Terminal = "POS-0001", From = Noon.AddHours(-2), To = Noon.AddHours(2) }, CancellationToken.None);
        var part = await store.CountAsync(new LogQuery { Terminal = "POS-0001", From = TenThirty, To = ThirteenFifteen }, CancellationToken.None);

        Assert.Equal(
            [
                new LogCountBucket(Noon.AddHours(-2), LogSeverity.Error, LogKind.Error, 1),
                new LogCountBucket(Noon.AddHours(-1), LogSeverity.Success, LogKind.None, 1),
                new LogCountBucket(Noon.AddHours(-1), LogSeverity.Alert, LogKind.Offline, 1),
                new LogCountBucket(Noon.AddHours(1), LogSeverity.Error, LogKind.Error, 1),
            ],
            whole);
        Assert.Equal(
            [
                new LogCountBucket(Noon.AddHours(-1), LogSeverity.Success, LogKind.None, 1),
                new LogCountBucket(Noon.AddHours(-1), LogSeverity.Alert, LogKind.Offline, 1),
            ],
            part);
    }

    /// <summary>Terminals of one template count that template's entries only.</summary>
    [Fact]
    public async Task GroupByTerminalAsync_OneTemplate_CountsOnlyItsEntries()
    {
        var store = await StoreWithDayAsync();

        var groups = await store.GroupByTerminalAsync(new LogQuery { TemplateId = 22, From = Noon.AddHours(-2), To = Noon.AddHours(2) }, 10, CancellationToken.None);

        Assert.Equal([("POS-0001", "ACME", 1L, Noon.AddMinutes(-50), "Offline=1")], groups.Select(Row));
    }

    /// <summary>A group whose kinds include successes names the terminals of its successes too, not only of its alerts and errors.</summary>
    [Fact]
    public async Task GroupByTemplateAsync_KindsWithSuccesses_NamesEveryTerminal()
    {
        var store = await StoreWithDayAsync();

        var groups = await store.GroupByTemplateAsync(
            new LogQuery { Kinds = new HashSet<LogKind> { LogKind.None, LogKind.Error }, From = Noon.AddHours(-2), To = Noon.AddHours(2) }, 10, CancellationToken.None);

        var closed = Assert.Single(groups, g => g.TemplateId == 23);
        Assert.Equal((2L, LogSeverity.Error), (closed.Count, closed.Severity));
        Assert.Equal(["POS-0001", "POS-0003"], closed.Terminals);
    }

    /// <summary>
    /// A store holding, from 10:00 to 14:00: template 21 (disk errors) at 10:20 (POS-0001), 10:50 (POS-0002),
    /// 12:30 (POS-0003), 13:10 (POS-0002) and 13:40 (POS-0001); template 22 (offline) at 11:10 (POS-0001);
    /// template 23 at 11:20 (POS-0001, a success) and 11:30 (POS-0003, an error).
    /// </summary>
    private async Task<ILogStore> StoreWithDayAsync()
    {
        LogEntry E(long line, int minutes, string terminal, LogKind kind, LogSeverity severity, ulong templateId) => new()
        {
            Timestamp = Noon.AddMinutes(minutes),
            Terminal = terminal,
            Organization = terminal == "POS-0003" ? "BETA" : "ACME",
            Level = severity.ToString().ToUpperInvariant(),
            Kind = kind,
            Severity = severity,
            Message = $"message {templateId} {line}",
            Template = $"message {templateId} <*>",
            TemplateId = templateId,
            Position = new LogPosition(Source, line),
        };

        var store = await CreateStoreAsync();
        LogEntry[] entries =
        [
            E(1, -100, "POS-0001", LogKind.Error, LogSeverity.Error, 21),
            E(2, -70, "POS-0002", LogKind.Error, LogSeverity.Error, 21),
            E(3, -50, "POS-0001", LogKind.Offline, LogSeverity.Alert, 22),
            E(4, -40, "POS-0001", LogKind.None, LogSeverity.Success, 23),
            E(5, -30, "POS-0003", LogKind.Error, LogSeverity.Error, 23),
            E(6, 30, "POS-0003", LogKind.Error, LogSeverity.Error, 21),
            E(7, 70, "POS-0002", LogKind.Error, LogSeverity.Error, 21),
            E(8, 100, "POS-0001", LogKind.Error, LogSeverity.Error, 21),
        ];
        await store.AppendAsync(new LogBatch(entries, Checkpoint(entries.Length)), CancellationToken.None);
        return store;
    }
}
