using PosFleet.Logs.Formats;

namespace PosFleet.Tests.Logs.Formats;

public sealed class SyslogFormatTests
{
    [Fact]
    public void Rfc5424_TryParse_ReadsSeverityHostAppAndMessage()
    {
        var p = ParsedLine.Of(LogFormats.Syslog5424, "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 123 ID47 - An application event");

        Assert.Equal(new DateTimeOffset(2003, 10, 11, 22, 14, 15, 3, TimeSpan.Zero), p.Time);
        Assert.Equal("NOTICE", p.Level);
        Assert.Equal("mymachine.example.com", p.Terminal);
        Assert.Equal("evntslog", p.Component);
        Assert.Equal("An application event", p.Message);
    }

    [Fact]
    public void Rfc5424_StructuredDataAndOffset_SkipsDataAndConvertsToUtc()
    {
        var p = ParsedLine.Of(LogFormats.Syslog5424, """<11>1 2026-11-20T10:15:02.5-03:00 till-07 posd 42 - [exampleSDID@32473 iut="3" eventID="10]11"][x@1 a="b"] disk full""");

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 13, 15, 2, 500, TimeSpan.Zero), p.Time!.Value.ToUniversalTime());
        Assert.Equal("ERR", p.Level);
        Assert.Equal("disk full", p.Message);
    }

    [Fact]
    public void Rfc5424_GarbledTimestamp_ReportsGarbled()
    {
        var p = ParsedLine.Of(LogFormats.Syslog5424, "<14>1 2026-99-20T10:15:02Z host app - - - m");

        Assert.True(p.Read);
        Assert.Equal(TimestampStatus.Garbled, p.Timestamp);
        Assert.Equal("INFO", p.Level);
    }

    [Fact]
    public void Rfc3164_WithPriority_ReadsSeverityHostTagAndDefaultYear()
    {
        var p = ParsedLine.Of(LogFormats.Syslog3164, "<34>Oct 11 22:14:15 mymachine su[123]: 'su root' failed for lonvick on /dev/pts/8", defaultYear: 2025);

        Assert.Equal(new DateTimeOffset(2025, 10, 11, 22, 14, 15, TimeSpan.Zero), p.Time);
        Assert.Equal("CRIT", p.Level);
        Assert.Equal("mymachine", p.Terminal);
        Assert.Equal("su", p.Component);
        Assert.Equal("'su root' failed for lonvick on /dev/pts/8", p.Message);
    }

    [Fact]
    public void Rfc3164_WithoutPriority_ReadsTagWithParenthesesAndNoLevel()
    {
        var p = ParsedLine.Of(LogFormats.Syslog3164, "Jun  4 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown");

        Assert.Equal(new DateTimeOffset(2026, 6, 4, 15, 16, 1, TimeSpan.Zero), p.Time);
        Assert.Equal("", p.Level);
        Assert.Equal("combo", p.Terminal);
        Assert.Equal("sshd(pam_unix)", p.Component);
        Assert.Equal("check pass; user unknown", p.Message);
    }

    [Fact]
    public void Rfc3164_GarbledTime_ReportsGarbled()
    {
        var p = ParsedLine.Of(LogFormats.Syslog3164, "Feb 30 15:16:01 combo kernel: x");

        Assert.True(p.Read);
        Assert.Equal(TimestampStatus.Garbled, p.Timestamp);
    }

    [Theory]
    [InlineData("Foo 14 15:16:01 combo x: y")]
    [InlineData("<999>Oct 11 22:14:15 host su: m")]
    public void Rfc3164_NotSyslog_ReturnsFalse(string line) => Assert.False(ParsedLine.Of(LogFormats.Syslog3164, line).Read);
}
