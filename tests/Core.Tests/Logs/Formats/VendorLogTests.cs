using PosFleet.Logs;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Formats;

/// <summary>
/// Logs no one here wrote, read without a declared layout: Windows Event Viewer exports, Android logcat's brief and time
/// layouts, java.util.logging's two-line SimpleFormatter and Tomcat's console log, with the levels their tools mean.
/// </summary>
public sealed class VendorLogTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ReadEntriesAsync_WindowsEventViewerTabSeparatedExport_EveryEventWithItsLevel()
    {
        var (entries, summary) = await Read("""
            Level	Date and Time	Source	Event ID	Task Category
            Error	11/30/2026 10:15:30 AM	Application Error	1000	(100)	Faulting application name: PosTill.exe, version: 4.2.0.0
            Critical	11/30/2026 10:16:02 AM	Microsoft-Windows-Kernel-Power	41	(63)	The system has rebooted without cleanly shutting down first.
            Warning	11/30/2026 1:05:09 PM	Microsoft-Windows-Time-Service	36	None	The time service has not synchronized the system time for 86400 seconds.
            Information	11/30/2026 1:06:00 PM	MsiInstaller	1033	None	Windows Installer installed the product. Product Name: PosTill.

            """);

        Assert.Equal("windows-events", Assert.Single(summary.Sources).Format);
        Assert.Equal(0, summary.MalformedLines);
        var events = entries.Where(e => e.Level != "").ToList();
        Assert.Equal(["Error", "Critical", "Warning", "Information"], events.Select(e => e.Level));
        Assert.Equal([LogSeverity.Error, LogSeverity.Error, LogSeverity.Alert, LogSeverity.Success], events.Select(e => e.Severity));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 13, 5, 9, TimeSpan.Zero), events[2].Timestamp);
        Assert.Equal(("Application Error", "Faulting application name: PosTill.exe, version: 4.2.0.0"), (events[0].Component, events[0].Message));
    }

    [Theory]
    [InlineData("Level\tDate and Time\tSource\tEvent ID\tTask Category", "Error\t11/30/2026 10:15:30 AM\tApplication Error\t1000\t(100)\tFaulting application name: PosTill.exe")]
    [InlineData("Level,Date and Time,Source,Event ID,Task Category", "Error,11/30/2026 10:15:30 AM,Application Error,1000,(100),Faulting application name: PosTill.exe")]
    [InlineData("\"Level\",\"Date and Time\",\"Source\",\"Event ID\",\"Task Category\"", "Error,11/30/2026 10:15:30 AM,Application Error,1000,(100),Faulting application name: PosTill.exe")]
    public async Task ReadEntriesAsync_WindowsEventViewerExportHeaderRow_CountedNowhere(string header, string row)
    {
        var (entries, summary) = await Read($"{header}\r\n{row}\r\n{row.Replace("10:15:30", "10:15:31", StringComparison.Ordinal)}\r\n");

        Assert.Equal("windows-events", Assert.Single(summary.Sources).Format);
        Assert.Equal(0, summary.UntimedLines);
        Assert.Equal(0, summary.MalformedLines);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal("Faulting application name: PosTill.exe", e.Message));
    }

    [Fact]
    public async Task ReadEntriesAsync_WindowsEventViewerCsvExport_EveryEventWithItsLevel()
    {
        var (entries, summary) = await Read("""
            Level,Date and Time,Source,Event ID,Task Category
            Error,11/30/2026 10:15:30 AM,Application Error,1000,(100),"Faulting application name: PosTill.exe, version: 4.2.0.0"
            Warning,11/30/2026 10:15:31 AM,Microsoft-Windows-Time-Service,36,None,The time service has not synchronized the system time.
            Information,11/30/2026 10:15:32 AM,MsiInstaller,1033,None,Windows Installer installed the product.

            """);

        Assert.Equal("windows-events", Assert.Single(summary.Sources).Format);
        var events = entries.Where(e => e.Level != "").ToList();
        Assert.Equal([LogSeverity.Error, LogSeverity.Alert, LogSeverity.Success], events.Select(e => e.Severity));
        Assert.Equal("Faulting application name: PosTill.exe, version: 4.2.0.0", events[0].Message);
    }

    [Fact]
    public async Task ReadEntriesAsync_LogcatBrief_LevelLetters()
    {
        var (entries, summary) = await Read("""
            I/ActivityManager(  585): Start proc com.acme.till for activity com.acme.till/.Main: pid=1702
            W/PrinterService( 1702): paper low on printer 2
            E/PrinterService( 1702): printer jammed
            F/libc    ( 1702): Fatal signal 11 (SIGSEGV)

            """);

        Assert.Equal(0, summary.MalformedLines);
        Assert.Equal(["I", "W", "E", "F"], entries.Select(e => e.Level));
        Assert.Equal([LogSeverity.Success, LogSeverity.Alert, LogSeverity.Error, LogSeverity.Error], entries.Select(e => e.Severity));
    }

    [Fact]
    public async Task ReadEntriesAsync_LogcatTime_LevelLettersAndTimes()
    {
        var (entries, summary) = await Read("""
            11-30 10:15:30.123 I/ActivityManager(  585): Start proc com.acme.till
            11-30 10:15:31.456 E/PrinterService( 1702): printer jammed
            11-30 10:15:32.789 W/PrinterService( 1702): paper low

            """);

        Assert.Equal((0L, 0L), (summary.MalformedLines, summary.UntimedLines));
        Assert.Equal([LogSeverity.Success, LogSeverity.Error, LogSeverity.Alert], entries.Select(e => e.Severity));
        Assert.Equal((11, 30, 10, 15, 31), (entries[1].Timestamp.Month, entries[1].Timestamp.Day, entries[1].Timestamp.Hour, entries[1].Timestamp.Minute, entries[1].Timestamp.Second));
    }

    [Fact]
    public async Task ReadEntriesAsync_JavaUtilLoggingSimpleFormatter_OneEntryPerRecordWithTheLevelOfItsSecondLine()
    {
        var (entries, summary) = await Read("""
            Nov 30, 2026 10:15:30 AM com.acme.till.Printer print
            SEVERE: printer jammed
            Nov 30, 2026 10:15:31 AM com.acme.till.Sync upload
            WARNING: upload slow
            Nov 30, 2026 1:15:32 PM com.acme.till.Sync upload
            INFO: upload done

            """);

        Assert.Equal((0L, 0L, 3L), (summary.MalformedLines, summary.UntimedLines, summary.ContinuationLines));
        Assert.Equal(["SEVERE", "WARNING", "INFO"], entries.Select(e => e.Level));
        Assert.Equal([LogSeverity.Error, LogSeverity.Alert, LogSeverity.Success], entries.Select(e => e.Severity));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 13, 15, 32, TimeSpan.Zero), entries[2].Timestamp);
        Assert.Equal(("printer jammed", "com.acme.till.Printer print"), (entries[0].Message, entries[0].Component));
    }

    [Fact]
    public async Task ReadEntriesAsync_TomcatConsoleLog_LevelsAndTimes()
    {
        var (entries, summary) = await Read("""
            30-Nov-2026 10:15:30.123 INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [1234] milliseconds
            30-Nov-2026 10:15:31.456 WARNING [http-nio-8080-exec-1] org.apache.catalina.loader.WebappClassLoaderBase.clearReferencesThreads thread left running
            30-Nov-2026 10:15:32.789 SEVERE [main] org.apache.catalina.core.StandardContext.startInternal One or more listeners failed to start

            """);

        Assert.Equal((0L, 0L), (summary.MalformedLines, summary.UntimedLines));
        Assert.Equal(["INFO", "WARNING", "SEVERE"], entries.Select(e => e.Level));
        Assert.Equal([LogSeverity.Success, LogSeverity.Alert, LogSeverity.Error], entries.Select(e => e.Severity));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 15, 32, 789, TimeSpan.Zero), entries[2].Timestamp);
    }

    private async Task<(List<LogEntry> Entries, LogScanSummary Summary)> Read(string content)
    {
        var file = _dir.File($"{Guid.NewGuid():N}.log", content);
        var entries = new List<LogEntry>();
        var summary = await TestLogs.Scanner().ReadEntriesAsync([file], entries.Add);
        return (entries, summary);
    }
}
