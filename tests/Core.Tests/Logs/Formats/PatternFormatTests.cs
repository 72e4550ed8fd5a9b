using PosFleet.Logs.Formats;

namespace PosFleet.Tests.Logs.Formats;

public sealed class PatternFormatTests
{
    private static readonly LogFormat Mine =
        LogFormats.FromPattern("mine", "{timestamp:yyyy-MM-dd HH:mm:ss,fff} {level} [{thread}] {component}: {message}");

    [Fact]
    public void TryParse_MatchingLine_ReadsNamedFieldsAndSkipsOthers()
    {
        var p = ParsedLine.Of(Mine, "2026-11-20 10:15:02,123 ERROR [worker 3] Till.Printer: paper out: tray 2");

        Assert.True(p.Read);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 15, 2, 123, TimeSpan.Zero), p.Time);
        Assert.Equal("ERROR", p.Level);
        Assert.Equal("Till.Printer", p.Component);
        Assert.Equal("paper out: tray 2", p.Message);
    }

    [Fact]
    public void TryParse_RunsOfBlanks_AreTolerated()
    {
        var p = ParsedLine.Of(Mine, "2026-11-20 10:15:02,123   WARN    [main] Sync:   late");

        Assert.Equal("WARN", p.Level);
        Assert.Equal("Sync", p.Component);
        Assert.Equal("late", p.Message);
    }

    [Fact]
    public void TryParse_LiteralMissing_ReturnsFalse() =>
        Assert.False(ParsedLine.Of(Mine, "2026-11-20 10:15:02,123 ERROR main Till.Printer: paper out").Read);

    [Fact]
    public void TryParse_GarbledTimestamp_ReportsGarbledAndReadsTheRest()
    {
        var p = ParsedLine.Of(Mine, "2026-19-20 10:15:02,123 ERROR [main] Till.Printer: paper out");

        Assert.True(p.Read);
        Assert.Equal(TimestampStatus.Garbled, p.Timestamp);
        Assert.Equal("paper out", p.Message);
    }

    [Fact]
    public void TryParse_OffsetMonthNameAndTerminal_ReadsThem()
    {
        var format = LogFormats.FromPattern("till", "{timestamp:dd/MMM/yyyy:HH:mm:ss zzz} {terminal}/{organization} {level}: {message}");

        var p = ParsedLine.Of(format, "20/Nov/2026:10:15:02 +0100 POS-0027/ACME error: drawer jammed");

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 15, 2, TimeSpan.FromHours(1)), p.Time);
        Assert.Equal("POS-0027", p.Terminal);
        Assert.Equal("ACME", p.Organization);
        Assert.Equal("error", p.Level);
        Assert.Equal("drawer jammed", p.Message);
    }

    [Fact]
    public void TryParse_TimestampWithoutFormat_ReadsIso()
    {
        var format = LogFormats.FromPattern("iso-pipe", "{timestamp} | {level} | {message}");

        var p = ParsedLine.Of(format, "2026-11-20T10:15:02.5+02:00 | INFO | ok");

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 15, 2, 500, TimeSpan.FromHours(2)), p.Time);
        Assert.Equal("ok", p.Message);
    }

    [Fact]
    public void TryParse_YearlessTimestamp_UsesDefaultYear()
    {
        var format = LogFormats.FromPattern("yearless", "{timestamp:MMM d HH:mm:ss} {host} {message}");

        Assert.Equal(new DateTimeOffset(2024, 2, 29, 1, 2, 3, TimeSpan.Zero), ParsedLine.Of(format, "Feb 29 01:02:03 h m", defaultYear: 2024).Time);
    }

    [Theory]
    [InlineData("{timestamp:yyyy-MM-dd HH} {message", "not closed")]
    [InlineData("{timestamp:yyyy-QQ-dd HH} {message}", "'QQ' is not supported")]
    [InlineData("{level}{message}", "nothing between them")]
    [InlineData("{message} {message}", "appears twice")]
    [InlineData("just text", "no field")]
    [InlineData("{} {message}", "has no name")]
    [InlineData("{level:u3} {message}", "takes no format")]
    [InlineData("{timestamp:yyyy} {message}", "needs at least a month")]
    [InlineData("{message} }", "closes no field")]
    public void FromPattern_Invalid_ThrowsNamingTheProblem(string pattern, string problem)
    {
        var ex = Assert.Throws<ArgumentException>(() => LogFormats.FromPattern("bad", pattern));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }
}
