using PosFleet.Logs;
using PosFleet.Logs.Storage;
using Xunit;

namespace PosFleet.Testing.Logs;

/// <content>Counts per hour and groups by template and by terminal.</content>
public abstract partial class LogStoreConformanceTests
{
    /// <summary>Counts come per hour (UTC), severity and kind, over the query's window.</summary>
    [Fact]
    public async Task CountAsync_Window_CountsPerHourSeverityAndKind()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(new LogBatch(Fleet(), Checkpoint(Fleet().Count)), CancellationToken.None);

        var buckets = await store.CountAsync(new LogQuery { From = Noon, To = Noon.AddHours(4) }, CancellationToken.None);

        Assert.Equal(
            [
                new LogCountBucket(Noon, LogSeverity.Error, LogKind.Error, 1),
                new LogCountBucket(Noon.AddHours(1), LogSeverity.Success, LogKind.None, 1),
                new LogCountBucket(Noon.AddHours(2), LogSeverity.Alert, LogKind.Offline, 1),
                new LogCountBucket(Noon.AddHours(3), LogSeverity.Error, LogKind.Error, 1),
            ],
            buckets);
        Assert.Equal(6, (await store.CountAsync(new LogQuery(), CancellationToken.None)).Sum(b => b.Count));
    }

    /// <summary>Entries group by template: count, first and last seen, latest example, terminals, hint.</summary>
    [Fact]
    public async Task GroupByTemplateAsync_Entries_AggregatesPerTemplate()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(new LogBatch(Fleet(), Checkpoint(Fleet().Count)), CancellationToken.None);

        var groups = await store.GroupByTemplateAsync(new LogQuery { Severities = new HashSet<LogSeverity> { LogSeverity.Error, LogSeverity.Alert } }, 10, CancellationToken.None);

        var disk = groups[0];
        Assert.Equal(11UL, disk.TemplateId);
        Assert.Equal(2, disk.Count);
        Assert.Equal("could not save ticket : disk error <*>", disk.Template);
        Assert.Equal(Noon, disk.FirstSeen);
        Assert.Equal(Noon.AddHours(3), disk.LastSeen);
        Assert.Equal(4, disk.Example.Position.Line);
        Assert.Equal(["POS-0027", "POS-0028"], disk.Terminals);
        Assert.Equal(LogSeverity.Error, disk.Severity);
        Assert.Equal("disk-full", disk.Rule);
        Assert.Equal("Free disk space on the terminal.", disk.Hint);
        Assert.Equal(new Uri("https://kb.example.com/disk-full"), disk.KnowledgeBaseUrl);
        Assert.Equal("fiscal printer", disk.Origin);
        Assert.Equal("fiscal printer", disk.Example.Origin);
        Assert.Equal(3, groups.Count);
        Assert.All(groups.Skip(1), g => Assert.Null(g.Origin));
        Assert.Single(await store.GroupByTemplateAsync(new LogQuery(), 1, CancellationToken.None));
    }

    /// <summary>Terminals come with the most entries first; entries without a terminal are left out.</summary>
    [Fact]
    public async Task GroupByTerminalAsync_Entries_MostFirst()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(new LogBatch(Fleet(), Checkpoint(Fleet().Count)), CancellationToken.None);

        var groups = await store.GroupByTerminalAsync(new LogQuery(), 10, CancellationToken.None);

        Assert.Equal(
            [
                ("POS-0027", "ACME", 2L, Noon.AddHours(1), "None=1,Error=1"),
                ("POS-0028", "ACME", 2L, Noon.AddHours(3), "Error=1,Offline=1"),
                ("POS-0029", "BETA", 1L, Noon.AddHours(4), "Retry=1"),
            ],
            groups.Select(Row));
    }
}
