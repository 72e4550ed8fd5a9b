using PosFleet.Logs.Formats;

namespace PosFleet.Tests.Logs.Formats;

public sealed class SerilogTextFormatTests
{
    [Fact]
    public void TryParse_PositiveOffset_ConvertsToUtc()
    {
        var p = ParsedLine.Of(LogFormats.Serilog, "2026-11-20 10:15:02.123 +01:00 [ERR] Payment terminal timed out");

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 15, 2, 123, TimeSpan.FromHours(1)), p.Time);
        Assert.Equal(TimeSpan.FromHours(1), p.Time!.Value.Offset);
        Assert.Equal("ERR", p.Level);
        Assert.Equal("Payment terminal timed out", p.Message);
    }

    [Fact]
    public void TryParse_NegativeOffset_ConvertsToUtc()
    {
        var p = ParsedLine.Of(LogFormats.Serilog, "2026-11-20 10:15:02.123 -05:30 [INF] ok");

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 15, 45, 2, 123, TimeSpan.Zero), p.Time!.Value.ToUniversalTime());
    }

    [Theory]
    [InlineData("VRB")]
    [InlineData("DBG")]
    [InlineData("INF")]
    [InlineData("WRN")]
    [InlineData("ERR")]
    [InlineData("FTL")]
    public void TryParse_ThreeLetterLevels_ReadsLevel(string level) =>
        Assert.Equal(level, ParsedLine.Of(LogFormats.Serilog, $"2026-11-20 10:15:02.123 +00:00 [{level}] m").Level);

    [Fact]
    public void TryParse_GarbledTime_ReportsGarbled()
    {
        var p = ParsedLine.Of(LogFormats.Serilog, "2026-11-20 25:15:02.123 +01:00 [WRN] m");

        Assert.True(p.Read);
        Assert.Equal(TimestampStatus.Garbled, p.Timestamp);
    }

    [Fact]
    public void TryParse_NoOffset_ReturnsFalse() =>
        Assert.False(ParsedLine.Of(LogFormats.Serilog, "2026-11-20 10:15:02.123 [ERR] m").Read);
}
