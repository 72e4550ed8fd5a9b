using System.Text;
using PosFleet.Logs.Formats;

namespace PosFleet.Tests.Logs.Formats;

public sealed class LogFormatDetectorTests
{
    public static TheoryData<string, string> Samples => new()
    {
        { "iso", "2026-11-20T10:15:02.123Z [ERROR] term=POS-0027 printer: paper out\n2026-11-20T10:15:03.000Z [INFO] term=POS-0027 tickets: ticket closed\n" },
        { "serilog", "2026-11-20 10:15:02.123 +01:00 [ERR] Payment failed\r\n2026-11-20 10:15:03.001 +01:00 [INF] Ticket closed\r\n" },
        { "json", "{\"@t\":\"2026-11-20T10:15:02Z\",\"@mt\":\"Ticket {Id} closed\",\"Id\":4}\n{\"@t\":\"2026-11-20T10:15:03Z\",\"@l\":\"Error\",\"@mt\":\"Sync failed\"}\n" },
        { "nlog", "2026-11-20 10:15:02.1234|ERROR|Till.Sync|upload failed\n2026-11-20 10:15:03.0000|INFO|Till.Sync|upload done\n" },
        { "log4j", "2026-11-20 10:15:02,123 ERROR [main] Till.Sync: upload failed\n2026-11-20 10:15:03,000 INFO [main] Till.Sync: upload done\n" },
        { "log4j", "2026-11-20 10:15:02,123 [1] ERROR Till.Printer - paper out\r\n2026-11-20 10:15:03,456 [1] INFO  Till.Printer - ok\r\n" },
        { "cbs", "2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack\n2016-09-28 04:30:31, Error                 CSI    m\n" },
        { "rfc5424", "<165>1 2003-10-11T22:14:15.003Z host app 123 ID47 - message\n<11>1 2003-10-11T22:14:16.003Z host app 123 ID47 - other\n" },
        { "syslog", "<34>Oct 11 22:14:15 host su[123]: message\nOct 11 22:14:16 host sshd[5]: other\n" },
        { "apache", "[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok\n[Sun Dec 04 04:47:45 2005] [error] mod_jk child\n" },
        { "logcat", "03-17 16:13:38.811  1702  2395 D WindowManager: message\n03-17 16:13:38.819  1702  8671 E PowerManagerService: other\n" },
        { "plain", "something happened\nERROR something else happened\n" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Detect_SampleOfEachFormat_PicksIt(string expected, string sample)
    {
        var format = LogFormatDetector.Detect(Encoding.UTF8.GetBytes(sample), LogFormats.All, 2026);

        Assert.Equal(expected, format.Name);
    }

    [Fact]
    public void Detect_NoFormatReadsAnything_FallsBackToPlainNotTheFirstFormat()
    {
        var sample = "chrome.exe - proxy.example.com:5070 open through proxy\nchrome.exe - close, 0 bytes sent\n";

        var format = LogFormatDetector.Detect(Encoding.UTF8.GetBytes(sample), LogFormats.All, 2026);

        Assert.Same(LogFormats.Plain, format);
    }

    [Fact]
    public void All_CatalogOrder_EndsWithPlainAndHasUniqueNamesAndExamples()
    {
        Assert.Same(LogFormats.Plain, LogFormats.All[^1]);
        Assert.Equal(LogFormats.All.Count, LogFormats.All.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(LogFormats.All.SkipLast(1), f => Assert.Matches("[0-9]", f.Description));
        Assert.True(LogFormats.TryGet("LOG4J", out var log4j));
        Assert.Same(LogFormats.Log4j, log4j);
    }
}
