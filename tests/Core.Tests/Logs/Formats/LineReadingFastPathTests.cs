using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Formats;

/// <summary>The hot path's shortcuts must read exactly what the general code reads, on awkward lines too.</summary>
public sealed class LineReadingFastPathTests
{
    private static readonly string[] Keys = ["term", "terminal", "org", "organization", "user", "x", "a-very-long-key"];

    [VectorFact(128)]
    public void MessageTail_WindowAndOneSearchAtATime_ReadTheSameFields()
    {
        var random = new Random(11);
        var windowed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var tail = Encoding.UTF8.GetBytes(RandomTail(random));
            var fast = default(LineFields);
            var slow = default(LineFields);
            if (MessageTail.TryParseWindow(tail, ref fast))
            {
                windowed++;
                MessageTail.ParseEach(tail, ref slow);
                Assert.Equal(Describe(ref slow), Describe(ref fast));
            }
        }

        Assert.True(windowed > 5_000, $"the window path was taken {windowed} times");
    }

    [Fact]
    public void IsoHead_RepeatedMinuteAndFirstRead_ReadTheSameFields()
    {
        var random = new Random(5);
        var minute = default(IsoMinuteCache);
        var shortcut = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var line = Encoding.UTF8.GetBytes(RandomIsoLine(random));
            var cached = default(LineFields);
            var fresh = default(LineFields);
            var freshMinute = default(IsoMinuteCache);
            shortcut += minute.Valid && line.Length > 26 && line[23] == 'Z' ? 1 : 0;
            var a = IsoBracketFormat.TryParseHead(line, ref minute, ref cached, out var tailA);
            var b = IsoBracketFormat.TryParseHead(line, ref freshMinute, ref fresh, out var tailB);
            Assert.Equal(b, a);
            if (a)
            {
                Assert.Equal((fresh.UtcTicks, fresh.OffsetMinutes, tailB, Encoding.UTF8.GetString(fresh.Level)), (cached.UtcTicks, cached.OffsetMinutes, tailA, Encoding.UTF8.GetString(cached.Level)));
            }
        }

        Assert.True(shortcut > 5_000, $"the repeated-minute shortcut was tried {shortcut} times");
    }

    [VectorFact(128)]
    public void IsoHead_OneCompareRead_ReadsWhatTryParseHeadReads()
    {
        // The plain-lines loop's read of a line of the minute before: where it says yes, the time and level are
        // TryParseHead's. Lines of every shape above, some with one byte of their head changed or cut around 42 bytes.
        var random = new Random(9);
        var minute = default(IsoMinuteCache);
        var (taken, refused) = (0, 0);
        for (var i = 0; i < 40_000; i++)
        {
            var line = Encoding.UTF8.GetBytes(RandomIsoLine(random));
            if (random.Next(4) == 0)
            {
                line[random.Next(42)] = (byte)random.Next(256);
            }

            if (random.Next(8) == 0)
            {
                line = line[..random.Next(36, 46)];
            }

            var before = minute;
            var fields = default(LineFields);
            var parsed = IsoBracketFormat.TryParseHead(line, ref minute, ref fields, out _);
            if (!before.Valid)
            {
                continue;
            }

            if (IsoBracketFormat.TryReadMinuteHead(line, IsoBracketFormat.MinuteHead(before), before.Ticks, out var ticks, out var level))
            {
                taken++;
                var again = before;
                var expected = default(LineFields);
                Assert.True(IsoBracketFormat.TryParseHead(line, ref again, ref expected, out _), Encoding.UTF8.GetString(line));
                Assert.Equal((expected.UtcTicks, expected.OffsetMinutes, Encoding.UTF8.GetString(expected.Level)), (ticks, (short)0, Encoding.UTF8.GetString(level)));
            }
            else if (parsed)
            {
                refused++;
            }
        }

        Assert.True(taken > 1_000, $"the one-compare read was taken {taken} times");
        Assert.True(refused > 1_000, $"lines it leaves to TryParseHead: {refused}");
    }

    [VectorFact(128)]
    public void IsoHead_MinuteLineAndClosedLevel_ReadWhatTheOneCompareReadReads()
    {
        // The plain-lines loop's cheapest read: a line of the minute before (IsMinuteLine) whose level is the token last
        // found with its first byte, closed by its ']' (LevelCounter.FindClosed). Where it says yes, the one-compare read
        // must take the line, with a second below 60 and that very token. Levels of one to eight bytes, sharing first
        // bytes and five low bits ('I', 'i', ')'), with a ']' where the token reader takes it first; in a quarter of the
        // lines, one byte of the head changed at random.
        string[] levels = ["I", "i", ")", "OK", "ERR", "WRN", "INFO", "INFO]", "WARN", "ERROR", "RETRY", "NOTICE", "OFFLINE", "WARNING", "CRITICAL", "A]B", "I] xy"];
        var random = new Random(11);
        var levelCounter = new LevelCounter();
        var limits = IsoBracketFormat.DigitLimits;
        var minute = default(IsoMinuteCache);
        var (taken, byLength) = (0, new int[9]);
        for (var i = 0; i < 60_000; i++)
        {
            var at = new DateTime(2026, 11, 19, 23, 58, 0, DateTimeKind.Utc).AddMilliseconds(random.Next(240_000));
            var second = random.Next(12) == 0 ? "60" : random.Next(12) == 0 ? "6" + random.Next(10) : at.ToString("ss", CultureInfo.InvariantCulture);
            var level = levels[random.Next(levels.Length)];
            var text = $"{at:yyyy-MM-ddTHH:mm:}{second}.{at:fff}Z [{level}] term=POS-0001 org=acme printer: paper out";
            var line = Encoding.UTF8.GetBytes(text);
            if (random.Next(4) == 0)
            {
                line[random.Next(42)] = (byte)"0123456789:.-TZ []x"[random.Next(19)];
            }

            var before = minute;
            var fields = default(LineFields);
            if (IsoBracketFormat.TryParseHead(line, ref minute, ref fields, out _))
            {
                levelCounter.Find(fields.Level);
            }

            if (!before.Valid || line.Length < 42 || !IsoBracketFormat.IsMinuteLine(ref line[0], IsoBracketFormat.MinuteHead(before), limits))
            {
                continue;
            }

            var found = levelCounter.FindClosed(BitConverter.ToUInt64(line, 26));
            if (found is null || (found.Token.Length < 5 && line[31] == ']'))
            {
                continue;
            }

            taken++;
            byLength[found.Token.Length]++;
            Assert.True(
                IsoBracketFormat.TryReadMinuteHead(line, IsoBracketFormat.MinuteHead(before), before.Ticks, out var ticks, out var token),
                Encoding.UTF8.GetString(line));
            Assert.Equal(Encoding.UTF8.GetString(found.Token), Encoding.UTF8.GetString(token));
            Assert.True(line[17] <= '5', $"a second below 60: {Encoding.UTF8.GetString(line)}");
            Assert.True(ticks < before.Ticks + TimeSpan.TicksPerMinute, Encoding.UTF8.GetString(line));
        }

        // Every length of token the compare can hold (one to seven bytes) was taken.
        Assert.True(taken > 5_000, $"taken {taken} times");
        Assert.All(new[] { 1, 2, 3, 4, 5, 6, 7 }, length => Assert.True(byLength[length] > 100, $"tokens of {length} bytes taken {byLength[length]} times"));
        Assert.Equal(0, byLength[8]);
    }

    private static string RandomTail(Random random)
    {
        var b = new StringBuilder();
        b.Append(' ', random.Next(3) == 0 ? random.Next(1, 4) : 0);
        for (var pairs = random.Next(4); pairs > 0; pairs--)
        {
            b.Append(Keys[random.Next(Keys.Length)]).Append('=').Append(Word(random, random.Next(0, 20)));
            b.Append(random.Next(20) == 0 ? "\t" : new string(' ', random.Next(1, 3)));
        }

        if (random.Next(2) == 0)
        {
            b.Append(Word(random, random.Next(1, random.Next(5) == 0 ? 70 : 10))).Append(random.Next(4) == 0 ? ":x " : ": ");
        }

        b.Append(Word(random, random.Next(0, 8))).Append(' ').Append("message text with: colons = signs and 42 numbers ");
        if (random.Next(3) == 0)
        {
            b.Append(Word(random, random.Next(60)));
        }

        return b.ToString();
    }

    private static string RandomIsoLine(Random random)
    {
        var at = new DateTime(2026, 11, 19, 23, 58, 0, DateTimeKind.Utc).AddMilliseconds(random.Next(240_000));
        var stamp = random.Next(10) switch
        {
            0 => at.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "Z",
            1 => at.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + "+01:30",
            2 => at.ToString("yyyy-MM-dd HH:mm:ss,ff", CultureInfo.InvariantCulture) + "-0500",
            3 => at.ToString("yyyy-MM-ddTHH:mm:", CultureInfo.InvariantCulture) + (random.Next(2) == 0 ? "60" : "6x") + ".123Z",
            4 => at.ToString("yyyy-MM-ddTHH:mm:ss.f", CultureInfo.InvariantCulture) + "Z",
            5 => at.ToString("yyyy-MM-ddTHH:mm:ss.ff", CultureInfo.InvariantCulture) + "xZ",
            _ => at.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture) + "Z",
        };
        var level = random.Next(8) switch
        {
            0 => "[WARNING]",
            1 => "[E]",
            2 => "[]",
            3 => "[NO-CLOSE",
            4 => "[A]B]",
            _ => random.Next(2) == 0 ? "[INFO]" : "[ERROR]",
        };
        return $"{stamp} {level} term=POS-{random.Next(400):0000} org=acme printer: paper out";
    }

    private static string Word(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = "abcXYZ-_.:=09"[random.Next(13)];
        }

        return new string(chars);
    }

    private static string Describe(ref LineFields f) =>
        $"term={Show(f.Terminal)} org={Show(f.Organization)} component={Show(f.Component)} message={Show(f.Message)}";

    private static string Show(ReadOnlySpan<byte> s) =>
        Unsafe.IsNullRef(ref MemoryMarshal.GetReference(s)) ? "(none)" : $"'{Encoding.UTF8.GetString(s)}'";

    /// <summary>
    /// A test of a shortcut taken only with vectors of <c>bits</c> accelerated (256: AVX2; 128: SSE2 or arm64's AdvSimd):
    /// skipped, and said so, elsewhere, where the general code reads every line.
    /// </summary>
    private sealed class VectorFactAttribute : FactAttribute
    {
        public VectorFactAttribute(int bits)
        {
            if (!(bits == 128 ? Vector128.IsHardwareAccelerated : Vector256.IsHardwareAccelerated))
            {
                Skip = $"The shortcut is taken only where {bits}-bit vectors are accelerated.";
            }
        }
    }
}
