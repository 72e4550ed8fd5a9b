using PosFleet.Logs.Formats;

namespace PosFleet.Tests.Logs.Formats;

public sealed class JsonLinesFormatTests
{
    [Fact]
    public void TryParse_CommonFieldNames_ReadsEveryField()
    {
        var p = ParsedLine.Of(LogFormats.JsonLines,
            """{"timestamp":"2026-11-20T10:15:02.123+01:00","level":"error","logger":"Till.Printer","message":"paper out","terminal":"POS-0027","org":"ACME","extra":{"a":[1,2]}}""");

        Assert.True(p.Read);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 15, 2, 123, TimeSpan.FromHours(1)), p.Time);
        Assert.Equal("error", p.Level);
        Assert.Equal("Till.Printer", p.Component);
        Assert.Equal("paper out", p.Message);
        Assert.Equal("POS-0027", p.Terminal);
        Assert.Equal("ACME", p.Organization);
    }

    [Fact]
    public void TryParse_SerilogCompactWithoutLevel_ReadsInformation()
    {
        var p = ParsedLine.Of(LogFormats.JsonLines, """{"@t":"2026-11-20T10:15:02.1234567Z","@mt":"Ticket {Ref} closed","Ref":"T-2"}""");

        Assert.Equal(TimestampStatus.Parsed, p.Timestamp);
        Assert.Equal("Information", p.Level);
        Assert.Equal("Ticket {Ref} closed", p.Message);
    }

    [Fact]
    public void TryParse_SerilogCompactRenderedMessage_PrefersItOverTemplate()
    {
        var p = ParsedLine.Of(LogFormats.JsonLines, """{"@t":"2026-11-20T10:15:02Z","@mt":"Ticket {Ref} closed","@m":"Ticket \"T-2\" closed","@l":"Warning"}""");

        Assert.Equal("Warning", p.Level);
        Assert.Equal("Ticket \"T-2\" closed", p.Message);
    }

    [Fact]
    public void TryParse_EscapedValues_UnescapesIntoScratch()
    {
        var p = ParsedLine.Of(LogFormats.JsonLines, """{"time":"2026-11-20T10:15:02Z","lvl":"WARN","msg":"path C:\\pos\\db \u00e9t\u00e9\nline 2"}""");

        Assert.Equal("path C:\\pos\\db été\nline 2", p.Message);
    }

    [Fact]
    public void TryParse_PinoNumbers_ReadsEpochMillisecondsAndNumericLevel()
    {
        var p = ParsedLine.Of(LogFormats.JsonLines, """{"level":50,"time":1763633702123,"msg":"db locked"}""");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763633702123), p.Time);
        Assert.Equal("ERROR", p.Level);
    }

    [Fact]
    public void TryParse_JournalctlJsonExport_ReadsMicrosecondsPriorityIdentifierAndHost()
    {
        var p = ParsedLine.Of(LogFormats.JsonLines,
            """{"__CURSOR":"s=1;i=2","__REALTIME_TIMESTAMP":"1763633702123456","__MONOTONIC_TIMESTAMP":"81234567","_BOOT_ID":"b","PRIORITY":"1","SYSLOG_FACILITY":"3","SYSLOG_IDENTIFIER":"posd","_PID":"42","_HOSTNAME":"till-07","MESSAGE":"cash drawer forced open"}""");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763633702123).AddTicks(4560), p.Time);
        Assert.Equal(("ALERT", "posd", "till-07", "cash drawer forced open"), (p.Level, p.Component, p.Terminal, p.Message));
    }

    [Fact]
    public void TryParse_PowerShell5WinEventJson_ReadsEscapedDateLevelNameProviderAndMachine()
    {
        var p = ParsedLine.Of(LogFormats.JsonLines,
            """{"Id":7031,"Level":1,"LevelDisplayName":"Critical","ProviderName":"Service Control Manager","MachineName":"TILL-07","TimeCreated":"\/Date(1763633702123)\/","Message":"The POS Agent service terminated unexpectedly."}""");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763633702123), p.Time);
        Assert.Equal(("Critical", "Service Control Manager", "TILL-07"), (p.Level, p.Component, p.Terminal));
        Assert.Equal("The POS Agent service terminated unexpectedly.", p.Message);
    }

    [Fact]
    public void TryParse_UnreadableTimestamp_ReportsGarbled()
    {
        var p = ParsedLine.Of(LogFormats.JsonLines, """{"ts":"yesterday","level":"info","msg":"m"}""");

        Assert.True(p.Read);
        Assert.Equal(TimestampStatus.Garbled, p.Timestamp);
    }

    [Fact]
    public void TryParse_NoTimestamp_ReportsMissing()
    {
        var p = ParsedLine.Of(LogFormats.JsonLines, """{"level":"info","msg":"m"}""");

        Assert.True(p.Read);
        Assert.Equal(TimestampStatus.Missing, p.Timestamp);
    }

    [Theory]
    [InlineData("""{"level":"info","msg":"truncated""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""plain text""")]
    public void TryParse_NotAJsonObject_ReturnsFalse(string line) => Assert.False(ParsedLine.Of(LogFormats.JsonLines, line).Read);

    [Fact]
    public void Json_CustomFieldNames_ReadsThem()
    {
        var options = new JsonLogFormatOptions { Name = "till-json" };
        options.MessageFields.Clear();
        options.MessageFields.Add("text");
        options.LevelFields.Insert(0, "sev");
        var format = LogFormats.Json(options);

        var p = ParsedLine.Of(format, """{"ts":"2026-11-20T10:15:02Z","sev":"FATAL","level":"info","text":"drawer jammed","message":"ignored"}""");

        Assert.Equal("till-json", format.Name);
        Assert.Equal("FATAL", p.Level);
        Assert.Equal("drawer jammed", p.Message);
    }

    [Fact]
    public void Json_EmptyFieldName_ThrowsNamingTheOption()
    {
        var options = new JsonLogFormatOptions();
        options.TerminalFields.Add("");

        var ex = Assert.Throws<ArgumentException>(() => LogFormats.Json(options));
        Assert.Contains("TerminalFields", ex.Message, StringComparison.Ordinal);
    }
}
