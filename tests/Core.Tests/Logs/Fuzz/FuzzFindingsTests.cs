using PosFleet.Logs;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Fuzz;

/// <summary>
/// What the fuzzer found in the line readers, shown as a user meets it: each of these lines made a scan (or an ingest,
/// which reads entries the same way) end in an unhandled exception; each is now one malformed line, counted with its
/// number, and the lines around it are read.
/// </summary>
public sealed class FuzzFindingsTests : IDisposable
{
    private const string Before = "2026-11-20T10:15:01.000Z [INFO] term=POS-1 tickets: ticket closed";
    private const string After = "2026-11-20T10:15:03.000Z [ERROR] term=POS-1 printer: paper out";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("""{"@t":"2026-11-20T10:15:02Z","@l":"Error","@mt":"paper out \ud800"}""")]
    [InlineData("""{"@t":"2026-11-20T10:15:02Z","@l":"Error","@mt":"paper \"out\" \ud83d\ud83d"}""")]
    public async Task ReadEntriesAsync_JsonStringThatCannotBeUnescaped_CountsTheLineMalformed(string line)
    {
        var log = _dir.File("app.json.log", $$"""
            {"@t":"2026-11-20T10:15:01Z","@l":"Information","@mt":"ticket closed"}
            {{line}}
            {"@t":"2026-11-20T10:15:03Z","@l":"Error","@mt":"paper out"}

            """);
        var entries = new List<LogEntry>();

        var summary = await Scanner(LogFormats.JsonLines).ReadEntriesAsync([log], entries.Add);

        Assert.Equal(3, summary.Lines);
        Assert.Equal(new MalformedLine(new LogPosition(log, 2), MalformedReason.MissingTimestamp), Assert.Single(summary.FirstMalformed));
        Assert.Equal(["ticket closed", "paper out"], entries.Select(e => e.Message));
    }

    [Fact]
    public async Task ReadEntriesAsync_JsonEscapeBesideInvalidUtf8_CountsTheLineMalformed()
    {
        byte[] line = [.. """{"@t":"2026-11-20T10:15:02Z","@l":"Error","@mt":"\"x"""u8, 0xF8, .. "\"}\n"u8];
        var log = _dir.File("bytes.json.log", [.. line, .. """{"@t":"2026-11-20T10:15:03Z","@l":"Error","@mt":"paper out"}"""u8, (byte)'\n']);
        var entries = new List<LogEntry>();

        var summary = await Scanner(LogFormats.JsonLines).ReadEntriesAsync([log], entries.Add);

        Assert.Equal(1, summary.MalformedLines);
        Assert.Equal(new LogPosition(log, 1), summary.FirstMalformed[0].Position);
        Assert.Equal("paper out", Assert.Single(entries).Message);
    }

    [Theory]
    [InlineData("2026-11-20T10:15:02.9+99 [ERROR] term=POS-1 printer: paper out")]
    [InlineData("2026-11-20T10:15:02,3-23 [ERROR] term=POS-1 printer: paper out")]
    [InlineData("2026-11-20T10:15:02-14:01 [ERROR] term=POS-1 printer: paper out")]
    [InlineData("9999-12-31T23:59:59.9-04:00 [ERROR] term=POS-1 printer: paper out")]
    [InlineData("0001-01-01T00:00:00+10 [ERROR] term=POS-1 printer: paper out")]
    public async Task ScanAsync_IsoTimestampNoInstantHas_CountsTheLineMalformed(string line)
    {
        // An offset past ±14:00, or an instant before year 1 or after year 9999 once in UTC: DateTimeOffset cannot hold
        // it, and making the line's entry (or its template's example) threw.
        var log = _dir.File("pos.log", $"{Before}\n{line}\n{After}\n");
        var entries = new List<LogEntry>();

        var summary = await Scanner(LogFormats.Iso).ReadEntriesAsync([log], entries.Add);
        var scan = await Scanner(LogFormats.Iso).ScanAsync([log]);

        // A timestamp is there and cannot be read: garbled, not an untimed entry.
        Assert.Equal(new MalformedLine(new LogPosition(log, 2), MalformedReason.GarbledTimestamp), Assert.Single(summary.FirstMalformed));
        Assert.Equal(2, entries.Count);
        Assert.Equal("paper out", Assert.Single(scan.Templates).Example.Message);
    }

    [Theory]
    [InlineData("2026-11-20T10:15:02+14:00", 2026, 11, 19, 20, 15, 2, 14 * 60)]
    [InlineData("2026-11-20T10:15:02-12:00", 2026, 11, 20, 22, 15, 2, -12 * 60)]
    [InlineData("9999-12-31T23:59:59.9999999Z", 9999, 12, 31, 23, 59, 59, 0)]
    [InlineData("0001-01-01T00:00:00-00:30", 1, 1, 1, 0, 30, 0, -30)]
    public void TryParseIso_InstantsAtTheLimits_StillRead(string text, int year, int month, int day, int hour, int minute, int second, int offset)
    {
        var n = TimestampParser.TryParseIso(System.Text.Encoding.ASCII.GetBytes(text), out var ticks, out var offsetMinutes);

        Assert.Equal(text.Length, n);
        Assert.Equal(new DateTime(year, month, day, hour, minute, second).Ticks, ticks - (ticks % TimeSpan.TicksPerSecond));
        Assert.Equal(offset, offsetMinutes);
    }

    private static ILogScanner Scanner(LogFormat format) => TestLogs.Scanner(new LogScanOptions { Format = format, MaxLineLength = 1024 });
}
