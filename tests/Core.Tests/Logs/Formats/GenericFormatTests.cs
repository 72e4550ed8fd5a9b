using System.Text;
using PosFleet.Logs.Formats;

namespace PosFleet.Tests.Logs.Formats;

/// <summary>The generic reader: layouts no catalog format knows, learned per file from its first lines.</summary>
public sealed class GenericFormatTests
{
    public static TheoryData<string, string, string, string> Layouts => new()
    {
        // first line of a file (repeated), the UTC instant read, the level, the message.
        { "1700000000123 WARN cache: nearly full", "2023-11-14T22:13:20.1230000+00:00", "WARN", "nearly full" },
        { "- 1117838570 2005.06.03 R02-M1 RAS KERNEL INFO instruction cache parity error corrected", "2005-06-03T22:42:50.0000000+00:00", "INFO", "instruction cache parity error corrected" },
        { "10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /till HTTP/1.0\" 200 2326", "2000-10-10T20:55:36.0000000+00:00", "", "\"GET /till HTTP/1.0\" 200 2326" },
        { "2026/11/20 10:15:02.250 [error] printer offline", "2026-11-20T10:15:02.2500000+00:00", "error", "printer offline" },
        { "update-alternatives 2025-06-24 14:36:53: run with --install /usr/bin/pager", "2025-06-24T14:36:53.0000000+00:00", "", "run with --install /usr/bin/pager" },
        { "[10.30 16:49:06] chrome.exe - proxy.example.com:5070 open through proxy", "2016-10-30T16:49:06.0000000+00:00", "", "proxy.example.com:5070 open through proxy" },
        { "20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579", "2017-12-23T22:15:29.6060000+00:00", "", "onStandStepChanged 3579" },
        { "Start-Date: 2025-06-24  14:36:25", "2025-06-24T14:36:25.0000000+00:00", "", "" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Detect_UnknownLayout_GenericReadsTimestampLevelAndMessage(string line, string instant, string level, string message)
    {
        var sample = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line + "\n", 8)));

        var format = LogFormatDetector.Detect(sample, LogFormats.All, 2016);
        var fields = new LineFields { DefaultYear = 2016 };
        Assert.True(format.TryParse(Encoding.UTF8.GetBytes(line), new byte[256], ref fields));

        Assert.Equal("generic", format.Name);
        Assert.Equal(TimestampStatus.Parsed, fields.Timestamp);
        Assert.Equal(instant, fields.ToDateTimeOffset().ToUniversalTime().ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(level, Encoding.UTF8.GetString(fields.Level));
        Assert.Equal(message, Encoding.UTF8.GetString(fields.Message));
    }

    [Fact]
    public void Detect_LevelInAFixedHeaderWord_MessageWordsThatAreLevelWordsStayInTheMessage()
    {
        var sample = "2026-11-20 10:15:02 4711 INFO upload failed for T-1\n2026-11-20 10:15:03 4711 ERROR retry failed\n"u8.ToArray();
        var format = LogFormatDetector.Detect(sample, LogFormats.All, 2026);
        var fields = new LineFields { DefaultYear = 2026 };

        format.TryParse("2026-11-20 10:15:02 4711 INFO upload failed for T-1"u8, new byte[256], ref fields);

        Assert.Equal("INFO", Encoding.UTF8.GetString(fields.Level));
        Assert.Equal("upload failed for T-1", Encoding.UTF8.GetString(fields.Message));
    }

    [Fact]
    public void TryParse_LineWithoutTimestamp_ReadUntimedWithItsLevel()
    {
        var fields = new LineFields { DefaultYear = 2026 };

        Assert.True(LogFormats.Generic.TryParse("ERROR: disk full on /var"u8, new byte[64], ref fields));

        Assert.Equal(TimestampStatus.Missing, fields.Timestamp);
        Assert.Equal("ERROR", Encoding.UTF8.GetString(fields.Level));
        Assert.Equal("disk full on /var", Encoding.UTF8.GetString(fields.Message));
    }

    [Theory]
    [InlineData("Dec 31 23:59:58 till-7 pos[12]: closing day", 2025, 12, 31)]
    [InlineData("Jan  1 00:00:03 till-7 pos[12]: opening day", 2026, 1, 1)]
    public void TryParse_YearlessTimestampInAFileWrittenInJanuary_DecemberIsTheYearBefore(string line, int year, int month, int day)
    {
        // The file was last written on 2 January 2026: its December lines are from 2025.
        var fields = new LineFields { DefaultYear = 2026, LatestTicks = new DateTime(2026, 1, 2, 8, 0, 0, DateTimeKind.Utc).Ticks };

        Assert.True(LogFormats.Syslog3164.TryParse(Encoding.UTF8.GetBytes(line), new byte[128], ref fields));

        var read = fields.ToDateTimeOffset();
        Assert.Equal((year, month, day), (read.Year, read.Month, read.Day));
    }
}
