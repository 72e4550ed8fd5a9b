using System.Text;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Templates;

namespace PosFleet.Tests.Logs.Formats;

/// <summary>Bad input gets a clear answer, never a crash: every format reads every prefix of every sample line.</summary>
public sealed class RobustnessTests
{
    private static readonly string[] Samples =
    [
        .. AllocationTests.Lines.Select(row => (string)row[1]),
        "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating",
        "17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered",
        "[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 4328636416] x",
        """{"ts":1763633702.5,"level":30,"msg":"a\u0041\n","nested":{"msg":"no"}}""",
        "<165>1 - - - - - -",
        "2026-11-20 10:15:02,123 ERROR [worker 3] Till.Printer: paper out",
    ];

    private static readonly LogFormat[] Formats =
    [
        .. LogFormats.All,
        LogFormats.FromPattern("p1", "{timestamp:yyyy-MM-dd HH:mm:ss,fff} {level} [{thread}] {component}: {message}"),
        LogFormats.FromPattern("p2", "[{timestamp:MM.dd HH:mm:ss}] {component} - {message}"),
        LogFormats.FromPattern("p3", "{timestamp:MMM d H:m:s zzz} {terminal}|{organization} {level}"),
    ];

    [Fact]
    public void TryParse_EveryPrefixOfEverySample_NeverThrows()
    {
        var template = new byte[4096];
        foreach (var sample in Samples)
        {
            var bytes = Encoding.UTF8.GetBytes(sample);
            for (var length = 0; length <= bytes.Length; length++)
            {
                var line = bytes.AsSpan(0, length);
                foreach (var format in Formats)
                {
                    var scratch = new byte[length];
                    var fields = new LineFields { DefaultYear = 2026 };
                    if (format.TryParse(line, scratch, ref fields))
                    {
                        MessageTemplater.Fold(fields.Message, template, out _);
                    }
                }
            }
        }
    }

    [Fact]
    public void TryParse_RandomAndMutatedLines_NeverThrow()
    {
        var random = new Random(20261120);
        var alphabet = Encoding.ASCII.GetBytes("0123456789 -:.,[]{}()<>|\"\\/=TZ+abcINFOERROR\t\u00ff");
        var template = new byte[1024];
        for (var n = 0; n < 20_000; n++)
        {
            // Half random text, half a sample with a few bytes changed.
            byte[] line;
            if (n % 2 == 0)
            {
                line = new byte[random.Next(0, 80)];
                for (var i = 0; i < line.Length; i++)
                {
                    line[i] = alphabet[random.Next(alphabet.Length)];
                }
            }
            else
            {
                line = Encoding.UTF8.GetBytes(Samples[random.Next(Samples.Length)]);
                for (var k = random.Next(1, 4); k > 0; k--)
                {
                    line[random.Next(line.Length)] = alphabet[random.Next(alphabet.Length)];
                }
            }

            foreach (var format in Formats)
            {
                var fields = new LineFields { DefaultYear = 2026 };
                if (format.TryParse(line, new byte[line.Length], ref fields))
                {
                    MessageTemplater.Fold(fields.Message, template, out _);
                }
            }
        }
    }
}
