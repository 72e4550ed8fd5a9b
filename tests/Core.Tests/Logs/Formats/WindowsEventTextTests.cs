using System.Text;
using PosFleet.Logs;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Formats;

/// <summary>
/// <c>wevtutil qe Application /f:text</c>, as a Windows till's support script saves it: one event a block of lines,
/// read as one entry with the time, level and source of its header and the description below it.
/// </summary>
public sealed class WindowsEventTextTests : IDisposable
{
    /// <summary>Four events as wevtutil writes them (descriptions of several lines, one with a blank line, none indented).</summary>
    private const string Events = """
        Event[0]:
          Log Name: Application
          Source: Application Error
          Date: 2026-11-30T10:15:30.123
          Event ID: 1000
          Task: Application Crashing Events
          Level: Error
          Opcode: Info
          Keyword: Classic
          User: N/A
          User Name: N/A
          Computer: TILL-0027
          Description: 
        Faulting application name: PosTill.exe, version: 4.2.0.0, time stamp: 0x6745a1b2
        Faulting module name: KERNELBASE.dll, version: 10.0.19041.5072, time stamp: 0x2f9a1b3c
        Exception code: 0xe0434352

        Faulting application path: C:\Program Files\PosTill\PosTill.exe

        Event[1]:
          Log Name: System
          Source: Microsoft-Windows-Kernel-Power
          Date: 2026-11-30T10:16:02.500
          Event ID: 41
          Task: (63)
          Level: Critical
          Opcode: Info
          Keyword: N/A
          User: S-1-5-18
          User Name: NT AUTHORITY\SYSTEM
          Computer: TILL-0027
          Description: 
        The system has rebooted without cleanly shutting down first. This error could be caused if the system stopped responding, crashed, or lost power unexpectedly.

        Event[2]:
          Log Name: System
          Source: Microsoft-Windows-Time-Service
          Date: 2026-11-30T13:05:09.000
          Event ID: 36
          Task: N/A
          Level: Warning
          Opcode: Info
          Keyword: N/A
          User: S-1-5-19
          User Name: NT AUTHORITY\LOCAL SERVICE
          Computer: TILL-0027
          Description: 
        The time service has not synchronized the system time for 86400 seconds because none of the time service providers provided a usable time stamp.

        Event[3]:
          Log Name: Application
          Source: MsiInstaller
          Date: 2026-11-30T13:06:00.750
          Event ID: 1033
          Task: N/A
          Level: Information
          Opcode: Info
          Keyword: Classic
          User: S-1-5-18
          User Name: NT AUTHORITY\SYSTEM
          Computer: TILL-0027
          Description: 
        Windows Installer installed the product. Product Name: PosTill. Product Version: 4.2.0.0. Product Language: 1033. Manufacturer: Acme POS. Installation success or error status: 0.

        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Encodings => ["utf-8 with BOM", "utf-16 with BOM"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task ReadEntriesAsync_WevtutilTextWithCrlf_OneEntryPerEventWithItsDateLevelSourceAndDescription(string encoding)
    {
        // As saved on Windows: CRLF line ends; a byte-order mark from Windows PowerShell, whose ">" writes UTF-16.
        var text = Events.ReplaceLineEndings("\r\n");
        var bytes = encoding.StartsWith("utf-16", StringComparison.Ordinal)
            ? [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]
            : (byte[])[.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
        var file = _dir.File("application.txt", bytes);
        var entries = new List<LogEntry>();

        var summary = await TestLogs.Scanner().ReadEntriesAsync([file], entries.Add);

        Assert.Equal("windows-events-text", Assert.Single(summary.Sources).Format);
        Assert.Equal((0L, 0L, 4L), (summary.MalformedLines, summary.UntimedLines, summary.LinesInScope));
        Assert.Equal(["Error", "Critical", "Warning", "Information"], entries.Select(e => e.Level));
        Assert.Equal([LogSeverity.Error, LogSeverity.Error, LogSeverity.Alert, LogSeverity.Success], entries.Select(e => e.Severity));
        Assert.Equal(["Application Error", "Microsoft-Windows-Kernel-Power", "Microsoft-Windows-Time-Service", "MsiInstaller"], entries.Select(e => e.Component));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 15, 30, 123, TimeSpan.Zero), entries[0].Timestamp);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 13, 6, 0, 750, TimeSpan.Zero), entries[3].Timestamp);
        Assert.Equal(
            "Faulting application name: PosTill.exe, version: 4.2.0.0, time stamp: 0x6745a1b2\n"
            + "Faulting module name: KERNELBASE.dll, version: 10.0.19041.5072, time stamp: 0x2f9a1b3c\n"
            + "Exception code: 0xe0434352\n\n"
            + "Faulting application path: C:\\Program Files\\PosTill\\PosTill.exe",
            entries[0].Message);
        Assert.StartsWith("The system has rebooted without cleanly shutting down first.", entries[1].Message, StringComparison.Ordinal);
        Assert.Equal([1L, 20L, 35L, 50L], entries.Select(e => e.Position.Line));
    }

    [Fact]
    public async Task ScanAsync_WevtutilText_TemplateIsTheDescriptionsFirstLineAndTextSearchesAllOfIt()
    {
        var file = _dir.File("application.txt", Events);

        var summary = await TestLogs.Scanner().ScanAsync([file], new LogScanFilter { Text = "KERNELBASE.dll" });

        var crash = Assert.Single(summary.Templates);
        Assert.Equal(1, crash.Count);
        Assert.StartsWith("Faulting application name: PosTill.exe", crash.Template, StringComparison.Ordinal);
        Assert.DoesNotContain("KERNELBASE", crash.Template, StringComparison.Ordinal);
        Assert.Equal(new LogPosition(file, 1), crash.Example.Position);
    }

    [Fact]
    public async Task ScanAsync_WevtutilTextWithAWindow_DescriptionsOfEventsOutsideItAreNotEntries()
    {
        var file = _dir.File("application.txt", Events);

        var summary = await TestLogs.Scanner().ScanAsync([file], new LogScanFilter { From = new DateTimeOffset(2026, 11, 30, 13, 0, 0, TimeSpan.Zero) });

        Assert.Equal((0L, 0L, 2L), (summary.MalformedLines, summary.UntimedLines, summary.LinesInScope));
    }

    [Fact]
    public async Task ReadEntriesAsync_WevtutilTextNamedAsAFormat_ReadsTheSame()
    {
        Assert.True(LogFormats.TryGet("windows-events-text", out var format));
        Assert.Same(LogFormats.WindowsEventsText, format);

        // Without the header that detection looks for: a file that starts part-way through (a tail of a longer export).
        var tail = Events[Events.IndexOf("Event[2]:", StringComparison.Ordinal)..];
        var file = _dir.File("tail.txt", "Reboot expected after the update.\n\n" + tail);
        var entries = new List<LogEntry>();

        var summary = await TestLogs.Scanner(new LogScanOptions { Format = format }).ReadEntriesAsync([file], entries.Add);

        Assert.Equal((0L, 1L), (summary.MalformedLines, summary.UntimedLines));
        Assert.Equal(["", "Warning", "Information"], entries.Select(e => e.Level));
    }

    [Fact]
    public async Task ScanAsync_WevtutilTextCutIntoSmallBlocksOnSeveralCores_EveryEventWhole()
    {
        var text = string.Concat(Enumerable.Range(0, 300).Select(i => Events
            .Replace("Event[0]:", $"Event[{i}]:", StringComparison.Ordinal)
            .Replace("2026-11-30T10:15:30.123", $"2026-11-30T10:{i / 60 % 60:00}:{i % 60:00}.123", StringComparison.Ordinal)));
        var file = _dir.File("application.txt", text);
        var options = new LogScanOptions { BlockSize = 1 << 10, MaxDegreeOfParallelism = 4 };

        var one = await TestLogs.Scanner().ScanAsync([file]);
        var cut = await TestLogs.Scanner(options).ScanAsync([file], new LogScanFilter { Text = "PosTill.exe" });

        Assert.Equal((0L, 0L, 1200L), (one.MalformedLines, one.UntimedLines, one.LinesInScope));
        Assert.Equal((0L, 0L, 1200L), (cut.MalformedLines, cut.UntimedLines, cut.LinesInScope));
        Assert.Equal(one.ContinuationLines, cut.ContinuationLines);
        Assert.Equal(300, cut.SelectedLines);
    }
}
