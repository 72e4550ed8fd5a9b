using System.Text;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

public sealed class TerminalCacheTests
{
    [Fact]
    public void TryGet_NamesOfEveryLengthAlike_TellsEachApart()
    {
        // Names that differ only in length or in one byte, at every length the cache keeps (0 to 16 bytes) and past it.
        var cache = new TerminalCache();
        var names = new List<byte[]>();
        for (var length = 0; length <= TerminalCache.MaxNameLength + 2; length++)
        {
            names.Add(Encoding.ASCII.GetBytes(new string('a', length)));
            for (var at = 0; at < length; at++)
            {
                var name = Encoding.ASCII.GetBytes(new string('a', length));
                name[at] = (byte)'b';
                names.Add(name);
            }
        }

        for (var i = 0; i < names.Count; i++)
        {
            Assert.False(cache.TryGet(names[i], out _, out _), Encoding.ASCII.GetString(names[i]));
            cache.Add(names[i], (ulong)i, new TerminalAggregate { Terminal = Encoding.ASCII.GetString(names[i]) });
        }

        var found = 0;
        for (var i = 0; i < names.Count; i++)
        {
            // A set holds two, so an older name may have made room; but a name found is always its own, and a longer one never.
            if (cache.TryGet(names[i], out var hash, out var terminal))
            {
                found++;
                Assert.Equal((ulong)i, hash);
                Assert.Equal(Encoding.ASCII.GetString(names[i]), terminal.Terminal);
                Assert.True(names[i].Length <= TerminalCache.MaxNameLength);
            }
        }

        Assert.True(found > names.Count / 2, $"{found} of {names.Count} found");
    }

    [Fact]
    public void TryGet_AfterClear_FindsNothing()
    {
        var cache = new TerminalCache();
        var name = "POS-0027"u8;
        cache.Add(name, 42, new TerminalAggregate { Terminal = "POS-0027" });
        Assert.True(cache.TryGet(name, out var hash, out _));
        Assert.Equal(42UL, hash);

        cache.Clear();

        Assert.False(cache.TryGet(name, out _, out _));
    }

    [Fact]
    public void TryGet_FourHundredTerminals_FindsMostAfterOneRound()
    {
        // What a POS fleet looks like to a scanner: every terminal met once, then met again.
        var cache = new TerminalCache();
        for (var i = 0; i < 400; i++)
        {
            var name = Encoding.ASCII.GetBytes($"POS-{i:0000}");
            cache.Add(name, (ulong)i, new TerminalAggregate { Terminal = $"POS-{i:0000}" });
        }

        var found = Enumerable.Range(0, 400).Count(i => cache.TryGet(Encoding.ASCII.GetBytes($"POS-{i:0000}"), out var hash, out _) && hash == (ulong)i);
        Assert.True(found >= 360, $"{found} of 400 found");
    }
}
