using PosFleet.Logs.Formats;

namespace PosFleet.Tests.Logs.Formats;

public sealed class ApacheErrorFormatTests
{
    [Fact]
    public void TryParse_Classic_ReadsTimestampLevelMessage()
    {
        var p = ParsedLine.Of(LogFormats.ApacheError, "[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6");

        Assert.Equal(new DateTimeOffset(2005, 12, 4, 4, 47, 44, TimeSpan.Zero), p.Time);
        Assert.Equal("error", p.Level);
        Assert.Equal("mod_jk child workerEnv in error state 6", p.Message);
    }

    [Fact]
    public void TryParse_Apache24_ReadsModuleMicrosecondsAndSkipsPid()
    {
        var p = ParsedLine.Of(LogFormats.ApacheError, "[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 4328636416] [client 72.15.99.187] File does not exist");

        Assert.Equal(new DateTimeOffset(2000, 10, 11, 14, 32, 52, TimeSpan.Zero).AddTicks(1234560), p.Time);
        Assert.Equal("error", p.Level);
        Assert.Equal("core", p.Component);
        Assert.Equal("[client 72.15.99.187] File does not exist", p.Message);
    }

    [Fact]
    public void TryParse_GarbledDate_ReportsGarbled()
    {
        var p = ParsedLine.Of(LogFormats.ApacheError, "[Sun Xyz 04 04:47:44 2005] [notice] m");

        Assert.True(p.Read);
        Assert.Equal(TimestampStatus.Garbled, p.Timestamp);
    }
}

public sealed class LogcatFormatTests
{
    [Fact]
    public void TryParse_Threadtime_ReadsEveryField()
    {
        var p = ParsedLine.Of(LogFormats.Logcat, "03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogs", defaultYear: 2017);

        Assert.Equal(new DateTimeOffset(2017, 3, 17, 16, 13, 38, 811, TimeSpan.Zero), p.Time);
        Assert.Equal("D", p.Level);
        Assert.Equal("WindowManager", p.Component);
        Assert.Equal("printFreezingDisplayLogs", p.Message);
    }

    [Fact]
    public void TryParse_PaddedTag_TrimsTag()
    {
        var p = ParsedLine.Of(LogFormats.Logcat, "03-17 16:13:38.811 12345 12346 E PosPrinter   : paper out");

        Assert.Equal("E", p.Level);
        Assert.Equal("PosPrinter", p.Component);
        Assert.Equal("paper out", p.Message);
    }

    [Fact]
    public void TryParse_UnknownLevelLetter_ReturnsFalse() =>
        Assert.False(ParsedLine.Of(LogFormats.Logcat, "03-17 16:13:38.811  1702  2395 X Tag: m").Read);

    [Fact]
    public void TryParse_GarbledDate_ReportsGarbled() =>
        Assert.Equal(TimestampStatus.Garbled, ParsedLine.Of(LogFormats.Logcat, "13-17 16:13:38.811  1702  2395 I Tag: m").Timestamp);
}

public sealed class WindowsCbsFormatTests
{
    [Fact]
    public void TryParse_CbsLine_ReadsLevelComponentMessage()
    {
        var p = ParsedLine.Of(LogFormats.WindowsCbs, "2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack v6.1.7601.23505");

        Assert.Equal(new DateTimeOffset(2016, 9, 28, 4, 30, 30, TimeSpan.Zero), p.Time);
        Assert.Equal("Info", p.Level);
        Assert.Equal("CBS", p.Component);
        Assert.Equal("Loaded Servicing Stack v6.1.7601.23505", p.Message);
    }

    [Fact]
    public void TryParse_GarbledDate_ReportsGarbled()
    {
        var p = ParsedLine.Of(LogFormats.WindowsCbs, "2016-02-30 04:30:30, Error                 CSI    m");

        Assert.True(p.Read);
        Assert.Equal(TimestampStatus.Garbled, p.Timestamp);
        Assert.Equal("Error", p.Level);
    }
}
