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
        string[] tokens = ["INFO", "info", "I", "INFORMATION", "WARN", "WARNING", "W", "ERROR", "ERR", "E", "", ")", "i", "FATAL", "F", "FAIL"];
        var counter = new LevelCounter();
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        var random = new Random(5);
        for (var n = 0; n < 20_000; n++)
        {
            var token = tokens[random.Next(random.Next(3) == 0 ? tokens.Length : 4)];
            var entry = counter.Find(System.Text.Encoding.ASCII.GetBytes(token));
            Assert.Equal(token, System.Text.Encoding.ASCII.GetString(entry.Token));
            entry.Count++;
            expected[token] = expected.GetValueOrDefault(token) + 1;
        }

        var counted = new Dictionary<string, long>(StringComparer.Ordinal);
        counter.MoveCountsTo(counted);
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), counted.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(LogKind.Error, counter.Find("ERROR"u8).Kind);
        Assert.Equal(LogKind.None, counter.Find("INFO"u8).Kind);
    }
}
