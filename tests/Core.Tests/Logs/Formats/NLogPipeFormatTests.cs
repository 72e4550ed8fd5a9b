using PosFleet.Logs.Formats;

namespace PosFleet.Tests.Logs.Formats;

public sealed class NLogPipeFormatTests
{
    [Fact]
    public void TryParse_LongDate_ReadsEveryField()
    {
        var p = ParsedLine.Of(LogFormats.NLog, "2026-11-20 10:15:02.1234|ERROR|Till.Sync|upload failed | retrying");

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 15, 2, TimeSpan.Zero).AddTicks(1234000), p.Time);
        Assert.Equal("ERROR", p.Level);
        Assert.Equal("Till.Sync", p.Component);
        Assert.Equal("upload failed | retrying", p.Message);
    }

    [Fact]
    public void TryParse_GarbledDate_ReportsGarbled()
    {
        var p = ParsedLine.Of(LogFormats.NLog, "2026-11-32 10:15:02.1234|WARN|Till.Sync|late");

        Assert.True(p.Read);
        Assert.Equal(TimestampStatus.Garbled, p.Timestamp);
        Assert.Equal("WARN", p.Level);
    }

    [Fact]
    public void TryParse_NoLevelField_ReturnsFalse() =>
        Assert.False(ParsedLine.Of(LogFormats.NLog, "2026-11-20 10:15:02.1234|Till.Sync|message").Read);
}
