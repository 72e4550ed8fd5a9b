using PosFleet.Logs;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

public sealed class LogScannerFilterTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _log;

    public LogScannerFilterTests()
    {
        _log = _dir.File("fleet.log", """
            2026-11-19T08:00:00.000Z [ERROR] term=POS-1 org=ACME tickets: could not save ticket ref=T-100 : error 7
            2026-11-20T08:00:00.000Z [ERROR] term=POS-1 org=ACME tickets: could not save ticket ref=T-200 : error 9
            2026-11-20T09:00:00.000+01:00 [FAIL] term=POS-2 org=ACME printer: paper out on printer 2
            2026-11-20T09:30:00.000Z [OFFLINE] term=POS-3 org=BETA sync: no internet connection
            2026-11-20T10:00:00.000Z [INFO] term=POS-3 org=BETA tickets: ticket closed ref=T-300

            """);
    }

    public void Dispose() => _dir.Dispose();

    private Task<LogScanSummary> Scan(LogScanFilter filter) => TestLogs.Scanner(new LogScanOptions()).ScanAsync([_log], filter);

    [Fact]
    public async Task ScanAsync_Window_CountsOnlyLinesInside_UsingTheWrittenOffset()
    {
        var summary = await Scan(new LogScanFilter { From = DateTimeOffset.Parse("2026-11-20T08:00:00Z"), To = DateTimeOffset.Parse("2026-11-20T09:30:00Z") });

        Assert.Equal(2, summary.LinesInScope);
        Assert.Equal(1, summary.Kinds[LogKind.Error]);
        Assert.Equal(1, summary.Kinds[LogKind.Fail]);
        var fail = summary.Templates.Single(t => t.Kind == LogKind.Fail);
        Assert.Equal(TimeSpan.FromHours(1), fail.FirstSeen.Offset);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T08:00:00Z"), fail.FirstSeen);
    }

    [Fact]
    public async Task ScanAsync_Kinds_SelectOnlyThoseKinds_ButCountAll()
    {
        var summary = await Scan(new LogScanFilter { Kinds = new HashSet<LogKind> { LogKind.Offline } });

        Assert.Equal(1, summary.SelectedLines);
        Assert.Equal(LogKind.Offline, Assert.Single(summary.Templates).Kind);
        Assert.Equal(2, summary.Kinds[LogKind.Error]);
    }

    [Fact]
    public async Task ScanAsync_TerminalAndOrganization_NarrowEveryCount()
    {
        var byTerminal = await Scan(new LogScanFilter { Terminal = "POS-1" });
        var byOrganization = await Scan(new LogScanFilter { Organization = "BETA" });

        Assert.Equal(2, byTerminal.LinesInScope);
        Assert.Equal("POS-1", Assert.Single(byTerminal.Terminals).Terminal);
        Assert.Equal(2, byOrganization.LinesInScope);
        Assert.Equal(1, byOrganization.Kinds[LogKind.Offline]);
    }

    [Fact]
    public async Task ScanAsync_ReferenceAndText_SearchSelectedLines()
    {
        var byReference = await Scan(new LogScanFilter { Reference = "T-200" });
        var byText = await Scan(new LogScanFilter { Text = "PAPER OUT" });

        Assert.Equal(1, byReference.SelectedLines);
        Assert.Contains("T-200", Assert.Single(byReference.Templates).Example.Message, StringComparison.Ordinal);
        Assert.Equal(1, byText.SelectedLines);
        Assert.Equal("printer-paper-out", byText.Templates[0].Rule);
    }

    [Fact]
    public async Task ScanAsync_SameErrorWithOtherNumbers_GroupsUnderOneStableTemplate()
    {
        var first = await Scan(new LogScanFilter { Kinds = new HashSet<LogKind> { LogKind.Error } });
        var second = await Scan(new LogScanFilter { Kinds = new HashSet<LogKind> { LogKind.Error } });

        var template = Assert.Single(first.Templates);
        Assert.Equal(2, template.Count);
        Assert.Equal(["POS-1"], template.Terminals);
        Assert.Equal(new LogPosition(_log, 1), template.Example.Position);
        Assert.Equal(template.TemplateId, second.Templates[0].TemplateId);
        Assert.Equal(DateTimeOffset.Parse("2026-11-19T08:00:00Z"), template.FirstSeen);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T08:00:00Z"), template.LastSeen);
    }

    [Fact]
    public async Task ReadEntriesAsync_AllLines_HandsEveryEntryWithPositionReferenceAndHint()
    {
        var entries = new List<LogEntry>();
        await TestLogs.Scanner(new LogScanOptions()).ReadEntriesAsync([_log], entries.Add);

        Assert.Equal([1L, 2, 3, 4, 5], entries.Select(e => e.Position.Line));
        Assert.Equal("T-100", entries[0].Reference);
        Assert.Equal("ACME", entries[0].Organization);
        Assert.Equal("tickets", entries[0].Component);
        Assert.Equal(entries[0].TemplateId, entries[1].TemplateId);
        Assert.Equal(LogKind.Fail, entries[2].Kind);
        Assert.NotNull(entries[2].Hint);
        Assert.Equal(LogSeverity.Success, entries[4].Severity);
    }
}
