using Microsoft.Extensions.Time.Testing;
using PosFleet.Logs;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Formats;

/// <summary>The catalog through the scanner: each file's format is detected and its lines classified by their level.</summary>
public sealed class ScanWithFormatsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ScanAsync_FilesOfDifferentFormats_DetectsEachAndReadsLevels()
    {
        var serilog = _dir.File("till.log", """
            2026-11-20 10:15:02.123 +01:00 [ERR] Payment terminal timed out after 30 s
            2026-11-20 10:15:03.000 +01:00 [INF] Ticket 42 closed

            """);
        var json = _dir.File("agent.json", """
            {"@t":"2026-11-20T10:15:02.123Z","@l":"Error","@mt":"Sync failed for {Terminal}","terminal":"POS-0027"}
            {"@t":"2026-11-20T10:15:04.000Z","@mt":"Sync done"}

            """);
        var syslog = _dir.File("messages", """
            <11>Nov 20 10:15:02 POS-0031 posd[812]: printer offline
            <14>Nov 20 10:15:03 POS-0031 posd[812]: printer back

            """);
        var scanner = TestLogs.Scanner(time: new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero)));

        var summary = await scanner.ScanAsync([serilog, json, syslog]);

        Assert.Equal(0, summary.MalformedLines);
        Assert.Equal(6, summary.Lines);
        Assert.Equal(3, summary.Severities[LogSeverity.Error]);
        Assert.Equal(
            ["json", "serilog", "syslog"],
            summary.Sources.Select(s => s.Format).Order(StringComparer.Ordinal));
        Assert.Contains(summary.Terminals, t => t.Terminal == "POS-0027");
        Assert.Contains(summary.Terminals, t => t.Terminal == "POS-0031");
    }

    [Fact]
    public async Task ScanAsync_PatternFormat_ReadsWithIt()
    {
        var log = _dir.File("custom.log", """
            20/11/2026 10:15:02 | ERROR | POS-0040 | drawer jammed
            20/11/2026 10:15:03 | INFO  | POS-0040 | drawer ok

            """);
        var options = new LogScanOptions { Format = LogFormats.FromPattern("till", "{timestamp:dd/MM/yyyy HH:mm:ss} | {level} | {terminal} | {message}") };

        var summary = await TestLogs.Scanner(options).ScanAsync([log]);

        Assert.Equal(0, summary.MalformedLines);
        Assert.Equal(1, summary.Kinds[LogKind.Error]);
        Assert.Equal("till", Assert.Single(summary.Sources).Format);
        Assert.Equal("POS-0040", Assert.Single(summary.Terminals).Terminal);
    }

    [Fact]
    public async Task ScanAsync_LayoutNamedInTheRulesFile_DetectedWithoutDeclaringAFormat()
    {
        var log = _dir.File("custom.log", """
            20/11/2026 10:15:02 | ERROR | POS-0040 | drawer jammed
            20/11/2026 10:15:03 | INFO  | POS-0040 | drawer ok

            """);
        var rules = _dir.File("rules.json", """
            {
              "rules": [],
              "layouts": [ { "name": "till", "pattern": "{timestamp:dd/MM/yyyy HH:mm:ss} | {level} | {terminal} | {message}" } ]
            }
            """);
        var options = new LogScanOptions();
        options.Classification.RulesFile = rules;

        var summary = await TestLogs.Scanner(options).ScanAsync([log]);

        Assert.Equal("till", Assert.Single(summary.Sources).Format);
        Assert.Equal("POS-0040", Assert.Single(summary.Terminals).Terminal);
        Assert.Equal(1, summary.Kinds[LogKind.Error]);
    }

    [Fact]
    public void Validate_RulesFileWithAnInvalidLayout_NamesTheFileAndTheLayout()
    {
        var rules = _dir.File("rules.json", """{ "rules": [], "layouts": [ { "name": "till", "pattern": "{timestamp:dd/MM/yyyy HH:mm:ss} {level" } ] }""");
        var options = new LogScanOptions();
        options.Classification.RulesFile = rules;

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => LogScanOptionsValidator.ThrowIfInvalid(options));

        Assert.Contains($"{rules}: layout 1 ('till')", error.Message, StringComparison.Ordinal);
    }
}
