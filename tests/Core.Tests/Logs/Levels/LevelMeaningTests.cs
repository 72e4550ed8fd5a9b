using PosFleet.Logs;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Levels;

/// <summary>
/// A level means what the layout that wrote it means by it: syslog's severities 0–3 (emerg, alert, crit, err) are errors
/// whether written as a number or a word, and the same words and numbers in other layouts keep their own meaning.
/// Every line is read with automatic detection, as a user's first scan reads it.
/// </summary>
public sealed class LevelMeaningTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<(List<LogEntry> Entries, LogScanSummary Summary)> Read(string content)
    {
        var file = _dir.File($"{Guid.NewGuid():N}.log", content);
        var entries = new List<LogEntry>();
        var summary = await TestLogs.Scanner().ReadEntriesAsync([file], entries.Add);
        return (entries, summary);
    }

    private async Task<LogSeverity> SeverityOf(string line)
    {
        var (entries, summary) = await Read(line + "\n");
        Assert.Equal(0, summary.MalformedLines);
        return Assert.Single(entries).Severity;
    }

    [Fact]
    public async Task ScanAsync_Syslog3164NumericPriority_SeveritiesZeroToThreeAreErrors()
    {
        // Facility 1 (user): PRI 8 + severity.
        var lines = Enumerable.Range(0, 8).Select(s => $"<{8 + s}>Nov 20 10:15:0{s} till-07 posd[42]: drawer event {s}");

        var (entries, summary) = await Read(string.Join('\n', lines) + "\n");

        Assert.Equal("syslog", Assert.Single(summary.Sources).Format);
        Assert.Equal(["EMERG", "ALERT", "CRIT", "ERR", "WARNING", "NOTICE", "INFO", "DEBUG"], entries.Select(e => e.Level));
        Assert.Equal(
            [LogSeverity.Error, LogSeverity.Error, LogSeverity.Error, LogSeverity.Error, LogSeverity.Alert, LogSeverity.Success, LogSeverity.Success, LogSeverity.Success],
            entries.Select(e => e.Severity));
        Assert.Equal(LogKind.Error, entries[1].Kind);
        Assert.Equal(4, summary.Severities[LogSeverity.Error]);
    }

    [Fact]
    public async Task ScanAsync_Rfc5424Alert_IsAnError()
    {
        // <9> = facility 1, severity 1 (alert).
        var (entries, summary) = await Read(
            "<9>1 2026-11-20T10:15:02.003Z till-07 posd 42 ID47 - cash drawer forced open\n"
            + "<12>1 2026-11-20T10:15:03.003Z till-07 posd 42 ID47 - printer cover open\n");

        Assert.Equal("rfc5424", Assert.Single(summary.Sources).Format);
        Assert.Equal(("ALERT", LogSeverity.Error, LogKind.Error), (entries[0].Level, entries[0].Severity, entries[0].Kind));
        Assert.Equal(("WARNING", LogSeverity.Alert), (entries[1].Level, entries[1].Severity));
    }

    [Theory]
    [InlineData("2026-11-20T10:15:02+01:00 till-07 alert posd[42]: cash drawer forced open")]
    [InlineData("2026-11-20T10:15:02+01:00 till-07 emerg kernel: out of memory")]
    [InlineData("2026-11-20T10:15:02+01:00 till-07 crit posd[42]: journal write failed")]
    [InlineData("[Fri Nov 20 10:15:02.123456 2026] [core:alert] [pid 42] AH00050: cannot open lock file")]
    [InlineData("[Fri Nov 20 10:15:02.123456 2026] [ssl:emerg] [pid 42] AH02572: no certificate")]
    [InlineData("[Fri Nov 20 10:15:02 2026] [crit] cannot allocate")]
    public async Task ScanAsync_SyslogKeywordAlertEmergCrit_IsAnError(string line) =>
        Assert.Equal(LogSeverity.Error, await SeverityOf(line));

    [Theory]
    [InlineData("[Fri Nov 20 10:15:02.123456 2026] [core:notice] [pid 42] AH00094: Command line: 'httpd'", LogSeverity.Success)]
    [InlineData("[Fri Nov 20 10:15:02.123456 2026] [core:warn] [pid 42] AH00098: pid file overwritten", LogSeverity.Alert)]
    [InlineData("<13>Nov 20 10:15:02 till-07 posd[42]: shift opened", LogSeverity.Success)]
    public async Task ScanAsync_NoticeAndWarnKeywords_KeepTheirMeaning(string line, LogSeverity expected) =>
        Assert.Equal(expected, await SeverityOf(line));

    [Theory]
    [InlineData("A", LogSeverity.Error)]
    [InlineData("F", LogSeverity.Error)]
    [InlineData("E", LogSeverity.Error)]
    [InlineData("W", LogSeverity.Alert)]
    [InlineData("I", LogSeverity.Success)]
    [InlineData("D", LogSeverity.Success)]
    [InlineData("V", LogSeverity.Success)]
    public async Task ScanAsync_LogcatLevelLetters_MapToTheirSeverity(string letter, LogSeverity expected) =>
        Assert.Equal(expected, await SeverityOf($"11-20 10:15:02.123  1702  2395 {letter} PosTill: cash drawer state changed"));

    [Theory]
    [InlineData("SEVERE", LogSeverity.Error)]
    [InlineData("FATAL", LogSeverity.Error)]
    [InlineData("WARNING", LogSeverity.Alert)]
    [InlineData("CONFIG", LogSeverity.Success)]
    [InlineData("FINE", LogSeverity.Success)]
    [InlineData("FINER", LogSeverity.Success)]
    [InlineData("FINEST", LogSeverity.Success)]
    [InlineData("TRACE", LogSeverity.Success)]
    public async Task ScanAsync_JavaLevels_ReadAsTheLevelField(string level, LogSeverity expected)
    {
        var (entries, summary) = await Read($"2026-11-20 10:15:02,123 [main] {level} com.pos.Till - drawer state changed\n");

        Assert.Equal(0, summary.MalformedLines);
        var entry = Assert.Single(entries);
        Assert.Equal((level, expected), (entry.Level, entry.Severity));
        Assert.Equal("com.pos.Till", entry.Component);
    }

    [Fact]
    public async Task ScanAsync_PlainLineWithConfigWord_DoesNotTakeItForALevel()
    {
        var (entries, _) = await Read("2026-11-20T10:15:02Z config reloaded from /etc/pos/till.json\n");

        var entry = Assert.Single(entries);
        Assert.Equal("", entry.Level);
        Assert.Equal("config reloaded from /etc/pos/till.json", entry.Message);
    }

    [Theory]
    [InlineData(10, LogSeverity.Success)]
    [InlineData(20, LogSeverity.Success)]
    [InlineData(30, LogSeverity.Success)]
    [InlineData(40, LogSeverity.Alert)]
    [InlineData(50, LogSeverity.Error)]
    [InlineData(60, LogSeverity.Error)]
    public async Task ScanAsync_PinoBunyanNumericLevels_MapToTheirSeverity(int level, LogSeverity expected) =>
        Assert.Equal(expected, await SeverityOf($$"""{"level":{{level}},"time":1763633702123,"pid":42,"hostname":"till-07","msg":"drawer state changed"}"""));

    [Theory]
    [InlineData("""{"version":"1.1","host":"till-07","short_message":"x","timestamp":1763633702.1,"level":1,"message":"drawer forced open"}""", LogSeverity.Error)]
    [InlineData("""{"version":"1.1","host":"till-07","timestamp":1763633702.1,"level":3,"message":"journal write failed"}""", LogSeverity.Error)]
    [InlineData("""{"version":"1.1","host":"till-07","timestamp":1763633702.1,"level":4,"message":"printer cover open"}""", LogSeverity.Alert)]
    [InlineData("""{"version":"1.1","host":"till-07","timestamp":1763633702.1,"level":6,"message":"shift opened"}""", LogSeverity.Success)]
    [InlineData("""{"PRIORITY":"2","SYSLOG_IDENTIFIER":"posd","time":1763633702,"MESSAGE":"x","message":"journal write failed"}""", LogSeverity.Error)]
    [InlineData("""{"PRIORITY":"5","SYSLOG_IDENTIFIER":"posd","time":1763633702,"message":"shift opened"}""", LogSeverity.Success)]
    public async Task ScanAsync_SyslogNumericLevelsInJson_ZeroToThreeAreErrors(string line, LogSeverity expected) =>
        Assert.Equal(expected, await SeverityOf(line));

    [Theory]
    [InlineData(1, "Critical", LogSeverity.Error)]
    [InlineData(2, "Error", LogSeverity.Error)]
    [InlineData(3, "Warning", LogSeverity.Alert)]
    [InlineData(4, "Information", LogSeverity.Success)]
    [InlineData(5, "Verbose", LogSeverity.Success)]
    public async Task ScanAsync_WindowsEventJsonExport_ReadsLevelDisplayName(int level, string name, LogSeverity expected)
    {
        var line = $$"""{"Id":7000,"Level":{{level}},"LevelDisplayName":"{{name}}","ProviderName":"Service Control Manager","timestamp":"2026-11-20T10:15:02.123Z","Message":"x","message":"The POS Agent service changed state."}""";
        var (entries, _) = await Read(line + "\n");

        var entry = Assert.Single(entries);
        Assert.Equal((name, expected), (entry.Level, entry.Severity));
    }

    [Theory]
    [InlineData("Critical", LogSeverity.Error)]
    [InlineData("Error", LogSeverity.Error)]
    [InlineData("Warning", LogSeverity.Alert)]
    [InlineData("Information", LogSeverity.Success)]
    [InlineData("Verbose", LogSeverity.Success)]
    public async Task ScanAsync_WindowsLevelWordsInCbsLog_MapToTheirSeverity(string level, LogSeverity expected) =>
        Assert.Equal(expected, await SeverityOf($"2026-11-20 10:15:02, {level}                  CBS    Servicing stack state changed"));

    [Theory]
    [InlineData("<10>Nov 20 10:15:02 till-07 posd[42]: upload to back office timed out")]
    [InlineData("2026-11-20 10:15:02,123 [main] SEVERE com.pos.Sync - upload to back office timed out")]
    public async Task ScanAsync_TimeoutAtSyslogOrJavaErrorLevel_MatchesTheSyncTimeoutRule(string line)
    {
        var (entries, _) = await Read(line + "\n");

        var entry = Assert.Single(entries);
        Assert.Equal(("sync-timeout", LogKind.Retry), (entry.Rule, entry.Kind));
    }
}
