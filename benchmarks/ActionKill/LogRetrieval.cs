using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PosFleet;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;
using PosFleet.Actions.Terminal;

/// <summary>
/// action-kill logs --dir DIR --mb N: writes N MB of log lines over a week (a Luhn-valid card number, in one of four
/// formats, in every tenth line), runs the engine's retrieve-logs handler on the whole week with a 10 MB maximum, and
/// prints the time, the archive's size, the lines kept and the Luhn-valid card numbers found in the decompressed archive.
/// </summary>
internal static class LogRetrieval
{
    public static async Task<int> RunAsync(string dir, int megabytes)
    {
        Directory.CreateDirectory(Path.Combine(dir, "logs"));
        var start = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(42);
        long bytes = 0, lines = 0;
        var target = megabytes * 1_000_000L;
        var week = TimeSpan.FromDays(7).Ticks;
        var path = Path.Combine(dir, "logs", "till.log");
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
        {
            var estimate = target / 66;
            while (bytes < target)
            {
                var at = start.AddTicks((long)(week * (Math.Min(lines, estimate - 1) / (double)estimate)));
                var line = string.Create(CultureInfo.InvariantCulture, $"{at:yyyy-MM-ddTHH:mm:ss.fffZ} INFO till-01 sale {lines} total {random.Next(100, 99999) / 100.0:0.00}");
                if (lines % 10 == 0)
                {
                    line += " card " + Format(Pan(random), (int)(lines / 10 % 4));
                }

                writer.Write(line);
                writer.Write('\n');
                bytes += line.Length + 1;
                lines++;
            }
        }

        var services = new ServiceCollection();
        services.AddPosFleet(o => o.TerminalId = "till-01").AddActionsAgent(o =>
        {
            o.LogPaths.Add(Path.Combine(dir, "logs"));
            o.WorkDirectory = Path.Combine(dir, "work");
        });
        using var provider = services.BuildServiceProvider();
        var handler = provider.GetRequiredKeyedService<IRemoteActionHandler>(RemoteActionNames.RetrieveLogs);
        var work = Path.Combine(dir, "work", "run");
        Directory.CreateDirectory(work);
        var watch = Stopwatch.StartNew();
        var outcome = await handler.RunAsync(
            new RemoteActionContext
            {
                ActionId = Guid.NewGuid(),
                Name = RemoteActionNames.RetrieveLogs,
                Parameters = new Dictionary<string, string> { ["from"] = start.ToString("O", CultureInfo.InvariantCulture), ["to"] = start.AddDays(7).ToString("O", CultureInfo.InvariantCulture), ["max-bytes"] = "10000000" },
                Attempt = 1,
                MaxAttempts = 1,
                WorkDirectory = work,
            },
            CancellationToken.None);
        watch.Stop();
        var archive = new FileInfo(outcome.UploadPath!);
        long found = 0, kept = 0;
        using (var reader = new StreamReader(new GZipStream(archive.OpenRead(), CompressionMode.Decompress)))
        {
            while (reader.ReadLine() is { } line)
            {
                kept++;
                foreach (Match m in Regex.Matches(line, @"\d(?:[ -]?\d){12,18}"))
                {
                    var digits = new string(m.Value.Where(char.IsAsciiDigit).ToArray());
                    for (var s = 0; s < digits.Length; s++)
                    {
                        for (var len = 13; len <= 19 && s + len <= digits.Length; len++)
                        {
                            found += Luhn(digits.Substring(s, len)) ? 1 : 0;
                        }
                    }
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"logs: period {bytes / 1_000_000.0:0.0} MB, {lines} lines; retrieve-logs {watch.Elapsed.TotalSeconds:0.0} s; archive {archive.Length} bytes (max 10000000); {kept} lines in the archive; Luhn-valid numbers found in it: {found}"));
        Console.WriteLine($"detail: {outcome.Detail}");
        return found == 0 && archive.Length <= 10_000_000 ? 0 : 1;
    }

    private static string Pan(Random random)
    {
        var digits = new List<int> { 4 };
        var length = 13 + random.Next(7);
        while (digits.Count < length - 1)
        {
            digits.Add(random.Next(10));
        }

        for (var check = 0; check < 10; check++)
        {
            var candidate = string.Concat(digits) + check;
            if (Luhn(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException();
    }

    private static string Format(string pan, int style) => style switch
    {
        1 => string.Join(' ', pan.Chunk(4).Select(c => new string(c))),
        2 => string.Join('-', pan.Chunk(4).Select(c => new string(c))),
        _ => pan,
    };

    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }
}
