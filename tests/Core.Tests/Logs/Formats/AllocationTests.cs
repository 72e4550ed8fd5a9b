using System.Text;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Templates;

namespace PosFleet.Tests.Logs.Formats;

/// <summary>The hot path reads lines and folds messages without allocating.</summary>
public sealed class AllocationTests
{
    public static TheoryData<string, string> Lines => new()
    {
        { "iso", "2026-11-20T10:15:02.123Z [ERROR] term=POS-0027 org=ACME printer: paper out on tray 2" },
        { "serilog", "2026-11-20 10:15:02.123 +01:00 [ERR] Payment failed for ticket 42" },
        { "json", """{"@t":"2026-11-20T10:15:02Z","@l":"Error","@m":"Sync \"T-2\" failed","term":"POS-1","x":{"y":[1,2]}}""" },
        { "nlog", "2026-11-20 10:15:02.1234|ERROR|Till.Sync|upload failed" },
        { "log4j", "2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:2181:FastLeaderElection@774] - Notification time out: 3200" },
        { "cbs", "2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack v6.1.7601.23505" },
        { "rfc5424", "<165>1 2003-10-11T22:14:15.003Z host app 123 ID47 [a@1 b=\"c\"] message" },
        { "syslog", "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; rhost=218.188.2.4" },
        { "apache", "[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6" },
        { "logcat", "03-17 16:13:38.811  1702  2395 D WindowManager: acquire lock=233570404, flags=0x1, tag=\"View Lock\"" },
        { "plain", "ERROR could not open /var/pos/db at http://x.example.com:8080/a?b=1 (LOCAL(127.0.0.1))" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void TryParseAndFold_RepeatedLines_AllocateNothing(string formatName, string text)
    {
        Assert.True(LogFormats.TryGet(formatName, out var format));
        var line = Encoding.UTF8.GetBytes(text);
        var scratch = new byte[line.Length + 16];
        var template = new byte[(line.Length * 3) + 16];
        Run(format, line, scratch, template); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Run(format, line, scratch, template);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void TryParse_PatternFormat_AllocatesNothing()
    {
        var format = LogFormats.FromPattern("p", "{timestamp:yyyy-MM-dd HH:mm:ss,fff} {level} [{thread}] {component}: {message}");
        var line = Encoding.UTF8.GetBytes("2026-11-20 10:15:02,123 ERROR [worker 3] Till.Printer: paper out");
        var scratch = new byte[line.Length];
        var template = new byte[line.Length * 3];
        Run(format, line, scratch, template);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Run(format, line, scratch, template);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Run(LogFormat format, byte[] line, byte[] scratch, byte[] template)
    {
        var fields = new LineFields { DefaultYear = 2026 };
        Assert.True(format.TryParse(line, scratch, ref fields));
        MessageTemplater.Fold(fields.Message, template, out _);
    }
}
