using PosFleet.Logs.Formats;

namespace PosFleet.Tests.Logs.Formats;

public sealed class Log4jFormatTests
{
    [Fact]
    public void TryParse_ThreadAndLogger_ReadsEveryField()
    {
        var p = ParsedLine.Of(LogFormats.Log4j, "2015-10-18 18:01:47,978 INFO [main] org.apache.Foo: Created MRAppMaster");

        Assert.True(p.Read);
        Assert.Equal(new DateTimeOffset(2015, 10, 18, 18, 1, 47, 978, TimeSpan.Zero), p.Time);
        Assert.Equal("INFO", p.Level);
        Assert.Equal("org.apache.Foo", p.Component);
        Assert.Equal("Created MRAppMaster", p.Message);
    }

    [Fact]
    public void TryParse_NoThread_ReadsLoggerAndMessage()
    {
        var p = ParsedLine.Of(LogFormats.Log4j, "2026-11-20 10:15:02.123 ERROR Till.Printer: paper out");

        Assert.Equal("ERROR", p.Level);
        Assert.Equal("Till.Printer", p.Component);
        Assert.Equal("paper out", p.Message);
    }

    [Fact]
    public void TryParse_Log4netDefaultLayout_ReadsThreadBeforeLevelAndDashedLogger()
    {
        var p = ParsedLine.Of(LogFormats.Log4j, "2026-11-20 10:15:02,123 [1] ERROR Till.Printer - paper out - tray 2");

        Assert.Equal(TimestampStatus.Parsed, p.Timestamp);
        Assert.Equal("ERROR", p.Level);
        Assert.Equal("Till.Printer", p.Component);
        Assert.Equal("paper out - tray 2", p.Message);
    }

    [Fact]
    public void TryParse_Log4jThreadLevelLoggerDash_ReadsEveryField()
    {
        var p = ParsedLine.Of(LogFormats.Log4j, "2026-11-20 10:15:02,123 [main] WARN  com.pos.Sync - retrying upload");

        Assert.Equal("WARN", p.Level);
        Assert.Equal("com.pos.Sync", p.Component);
        Assert.Equal("retrying upload", p.Message);
    }

    [Fact]
    public void TryParse_ZookeeperDashes_ReadsMessageAfterThread()
    {
        var p = ParsedLine.Of(LogFormats.Log4j, "2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200");

        Assert.Equal(TimestampStatus.Parsed, p.Timestamp);
        Assert.Equal("INFO", p.Level);
        Assert.Equal("Notification time out: 3200", p.Message);
    }

    [Fact]
    public void TryParse_HdfsCompactTimestampAndPid_ReadsLevelAndComponent()
    {
        var p = ParsedLine.Of(LogFormats.Log4j, "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating");

        Assert.Equal(new DateTimeOffset(2008, 11, 9, 20, 36, 15, TimeSpan.Zero), p.Time);
        Assert.Equal("INFO", p.Level);
        Assert.Equal("dfs.DataNode$PacketResponder", p.Component);
        Assert.Equal("PacketResponder 1 terminating", p.Message);
    }

    [Fact]
    public void TryParse_SparkSlashedDate_ReadsTimestamp()
    {
        var p = ParsedLine.Of(LogFormats.Log4j, "17/06/09 20:10:40 INFO spark.SecurityManager: Changing view acls to: yarn,curi");

        Assert.Equal(new DateTimeOffset(2017, 6, 9, 20, 10, 40, TimeSpan.Zero), p.Time);
        Assert.Equal("spark.SecurityManager", p.Component);
        Assert.Equal("Changing view acls to: yarn,curi", p.Message);
    }

    [Fact]
    public void TryParse_MonthThirteen_ReportsGarbledTimestamp()
    {
        var p = ParsedLine.Of(LogFormats.Log4j, "2015-13-18 18:01:47,978 WARN [main] org.apache.Foo: late");

        Assert.True(p.Read);
        Assert.Equal(TimestampStatus.Garbled, p.Timestamp);
        Assert.Equal("WARN", p.Level);
        Assert.Equal("late", p.Message);
    }

    [Theory]
    [InlineData("2015-10-18 18:01:47,978 [main] org.apache.Foo: no level")]
    [InlineData("just some text")]
    [InlineData("2015-10-18T18:01:47.978Z [ERROR] iso line")]
    public void TryParse_NotLog4j_ReturnsFalse(string line) => Assert.False(ParsedLine.Of(LogFormats.Log4j, line).Read);
}
