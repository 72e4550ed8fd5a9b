using PosFleet.Logs;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

/// <summary>The level counts: whatever order tokens come in, each is counted under its own name and meaning.</summary>
public sealed class LevelCounterTests
{
    [Fact]
    public void Find_TokensInAnyOrder_CountsEachAsADictionaryWould()
    {
        // Tokens sharing a first letter (and so a place among the last ones seen), of every length, and none at all.
        var counter = new LevelCounter();
        var expected = Count(counter, new Random(5), told: false, out _, out _);
        var aggregate = new ScanAggregate(100);
        counter.MoveCountsTo(aggregate);
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), aggregate.Levels.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(LogKind.Error, counter.Find("ERROR"u8).Kind);
        Assert.Equal(LogKind.None, counter.Find("INFO"u8).Kind);
    }

    [Fact]
    public void MoveCountsTo_ToldLines_AddTheLevelsKindAndSeverity()
    {
        // Every third line told by its level alone: its level counted, and its kind and severity the level's.
        var counter = new LevelCounter();
        var expected = Count(counter, new Random(6), told: true, out var kinds, out var severities);
        var aggregate = new ScanAggregate(100);
        counter.MoveCountsTo(aggregate);
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), aggregate.Levels.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(kinds, aggregate.Kinds);
        Assert.Equal(severities, aggregate.Severities);
        Assert.True(kinds[(int)LogKind.Error] > 0 && kinds[(int)LogKind.None] > 0, "Both kinds were told.");

        // Moved: a second move adds nothing.
        counter.MoveCountsTo(aggregate);
        Assert.Equal(expected.Values.Sum(), aggregate.Levels.Values.Sum());
        Assert.Equal(kinds, aggregate.Kinds);
        Assert.Equal(severities, aggregate.Severities);
    }

    private static Dictionary<string, long> Count(LevelCounter counter, Random random, bool told, out long[] kinds, out long[] severities)
    {
        string[] tokens = ["INFO", "info", "I", "INFORMATION", "WARN", "WARNING", "W", "ERROR", "ERR", "E", "", ")", "i", "FATAL", "F", "FAIL"];
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        (kinds, severities) = (new long[5], new long[3]);
        for (var n = 0; n < 20_000; n++)
        {
            var token = tokens[random.Next(random.Next(3) == 0 ? tokens.Length : 4)];
            var entry = counter.Find(System.Text.Encoding.ASCII.GetBytes(token));
            Assert.Equal(token, System.Text.Encoding.ASCII.GetString(entry.Token));
            if (told && n % 3 == 0)
            {
                entry.Told++;
                kinds[(int)entry.Kind]++;
                severities[(int)entry.Severity]++;
            }
            else
            {
                entry.Count++;
            }

            expected[token] = expected.GetValueOrDefault(token) + 1;
        }

        return expected;
    }
}
