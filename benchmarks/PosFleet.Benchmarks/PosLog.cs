using System.Globalization;
using System.Text;

namespace PosFleet.Benchmarks;

/// <summary>
/// A deterministic POS activity log in the shape <c>posfleet generate</c> writes: three days up to <see cref="End"/>,
/// 85 % INFO, every kind of line, an occasional stack-trace continuation line (malformed on purpose).
/// </summary>
internal static class PosLog
{
    public static readonly DateTimeOffset End = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Organizations = Enumerable.Range(1, 60).Select(i => $"org-{i:000}").ToArray();

    public static byte[] Create(int lines, int seed = 42)
    {
        var random = new Random(seed);
        var start = End.UtcTicks - TimeSpan.TicksPerDay * 3;
        var output = new MemoryStream(lines * 120);
        var line = new StringBuilder(256);
        for (var i = 0; i < lines; i++)
        {
            var ticks = start + (long)(TimeSpan.TicksPerDay * 3 * (i / (double)lines));
            var terminal = random.Next(400);
            var reference = random.Next(100_000, 999_999);
            var roll = random.Next(1000);
            var (level, message) = roll switch
            {
                < 850 => ("INFO", random.Next(2) == 0
                    ? $"tickets: ticket closed ref=T-{reference} total={random.Next(100, 20000) / 100.0} EUR items={random.Next(1, 12)}"
                    : $"sync: sync completed, {random.Next(500)} changes uploaded in {random.Next(20, 900)} ms"),
                < 910 => ("WARN", $"printer: low paper on printer {random.Next(1, 4)}"),
                < 950 => ("ERROR", random.Next(2) == 0
                    ? $"tickets: could not save ticket ref=T-{reference}: database is locked"
                    : $"payment: payment service returned status {random.Next(500, 504)} for ref=T-{reference}"),
                < 970 => ("FAIL", $"payment: card declined ref=T-{reference}"),
                < 990 => ("OFFLINE", $"printer: printer not responding at 192.168.1.{random.Next(2, 250)}"),
                _ => ("RETRY", $"sync: request timed out, retrying in {random.Next(1, 60)} s"),
            };

            line.Clear();
            line.Append(new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture))
                .Append("Z [").Append(level).Append("] term=POS-").Append((terminal + 1).ToString("0000", CultureInfo.InvariantCulture))
                .Append(" org=").Append(Organizations[terminal % Organizations.Length]).Append(' ').Append(message).Append('\n');
            if (level == "ERROR" && random.Next(50) == 0)
            {
                line.Append("    at PosFleet.Terminal.Sync.UploadAsync() in Sync.cs:line ").Append(random.Next(40, 400)).Append('\n');
            }

            output.Write(Encoding.UTF8.GetBytes(line.ToString()));
        }

        return output.ToArray();
    }
}
