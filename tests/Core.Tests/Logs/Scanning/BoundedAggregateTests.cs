using System.IO.Hashing;
using System.Text;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

/// <summary>What a scan keeps per terminal stays bounded however many distinct terminals a log names.</summary>
public sealed class BoundedAggregateTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SpaceSaving_MillionDistinctItemsAndOneHeavy_KeepsAtMostTwiceItsCapacityAndTheHeavyOne()
    {
        var summary = new SpaceSaving<TemplateTerminal>(100);
        var most = 0;
        for (var i = 0; i < 1_000_000; i++)
        {
            Add(summary, (ulong)i + 1);
            if (i % 50 == 0)
            {
                Add(summary, 0);
            }

            most = Math.Max(most, summary.Count);
        }

        var top = summary.Top(1, Comparer<TemplateTerminal>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name)))[0];
        Assert.Equal(200, summary.Bound);
        Assert.True(most <= summary.Bound, $"kept {most} items at once");
        Assert.Equal("0", top.Name);
        Assert.InRange(top.Count - top.Error, 20_000 - summary.Floor, 20_000);
        Assert.InRange(top.Count, 20_000, 20_000 + summary.Floor);
    }

    [Theory]
    [InlineData(128, 64, 1)]
    [InlineData(129, 64, 2)]
    [InlineData(400, 100, 3)]
    [InlineData(128, 64, 4)]
    public void Partition_CountsWithManyTies_PutsAtEveryRankWhatAFullSortPutsThere(int length, int rank, int seed)
    {
        // Counts from a small range, so that ties are broken by key as often as by count.
        var random = new Random(seed);
        var items = Enumerable.Range(0, length).Select(i => new Ranked(random.Next(0, 8), (ulong)random.NextInt64())).DistinctBy(r => r.Key).ToArray();
        var sorted = items.OrderByDescending(r => r.Count).ThenBy(r => r.Key).ToArray();

        RankedSelection.Partition(items, rank);

        Assert.Equal(sorted[rank], items[rank]);
        Assert.Equal(sorted[..rank].Select(r => r.Key).Order(), items[..rank].Select(r => r.Key).Order());
        Assert.Equal(sorted[(rank + 1)..].Select(r => r.Key).Order(), items[(rank + 1)..].Select(r => r.Key).Order());
    }

    [Fact]
    public void SpaceSaving_FewerItemsThanTwiceItsCapacity_CountsExactly()
    {
        var summary = new SpaceSaving<TemplateTerminal>(10);
        for (var i = 0; i < 20; i++)
        {
            for (var n = 0; n <= i; n++)
            {
                Add(summary, (ulong)i);
            }
        }

        Assert.Equal(0, summary.Floor);
        Assert.Equal(Enumerable.Range(1, 20).Sum(), summary.Items.Sum(i => i.Count));
        Assert.All(summary.Items, i => Assert.Equal(0, i.Error));
    }

    [Fact]
    public void SpaceSaving_ReusingEvictedCounters_KeepsTheSameItemsAndCountsAsNewCounters()
    {
        // 400 terminals in turn, some more often than others, over a summary of 64: an eviction every few adds.
        var fresh = new SpaceSaving<TemplateTerminal>(32);
        var reusing = new SpaceSaving<TemplateTerminal>(32) { ReuseEvicted = true };
        var reused = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var key = (ulong)(i % 7 == 0 ? i % 13 : i % 400);
            Add(fresh, key);
            if (reusing.TryGet(key, out var item))
            {
                item.Count++;
            }
            else if (reusing.TakeEvicted() is { } evicted)
            {
                reused++;
                (evicted.Name, evicted.Count, evicted.Error) = (Name(key), 1, 0);
                reusing.Add(key, evicted);
            }
            else
            {
                reusing.Add(key, new TemplateTerminal { Name = Name(key), Count = 1 });
            }
        }

        Assert.True(reused > 1_000, $"{reused} counters reused");
        Assert.Equal(fresh.Floor, reusing.Floor);
        Assert.Equal(
            fresh.Items.Select(i => (i.Name, i.Count, i.Error)).OrderBy(i => i.Name, StringComparer.Ordinal),
            reusing.Items.Select(i => (i.Name, i.Count, i.Error)).OrderBy(i => i.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void DistinctCounter_UpToItsExactLimit_CountsExactly_ThenEstimatesWithinTwoPercentInBoundedMemory()
    {
        var counter = new DistinctCounter(exactLimit: 1_024, precision: 12);
        var other = new DistinctCounter(exactLimit: 1_024, precision: 12);
        for (var i = 0; i < 1_024; i++)
        {
            counter.Add(Hash(i));
            counter.Add(Hash(i));
        }

        var exact = (counter.Count, counter.IsExact);
        for (var i = 1_024; i < 500_000; i++)
        {
            (i % 2 == 0 ? counter : other).Add(Hash(i));
        }

        counter.Merge(other);

        Assert.Equal((1_024L, true), exact);
        Assert.False(counter.IsExact);
        Assert.True(counter.Footprint <= counter.Bound && counter.Bound == 4_096, $"footprint {counter.Footprint}, bound {counter.Bound}");
        Assert.InRange(counter.Count, 490_000, 510_000);
    }

    /// <summary>
    /// A counter given values at once (AddDistinct) and one given the same values one by one, each then put through the
    /// same steps, agree on the count, whether it is exact, and the memory it holds. Values are the hashes of
    /// <paramref name="from"/> to <paramref name="to"/>, then of <paramref name="addFrom"/> to <paramref name="addTo"/>
    /// added one by one, and <paramref name="otherFrom"/> to <paramref name="otherTo"/> those of another counter; -1: none.
    /// </summary>
    [Theory]
    [InlineData("alone", 0, 400, -1, -1, -1, -1)]
    [InlineData("past the exact limit", 0, 2_000, -1, -1, -1, -1)]
    [InlineData("then a value added", 0, 400, 399, 401, -1, -1)]
    [InlineData("then room made", 0, 400, -1, -1, -1, -1)]
    [InlineData("then values at once, overlapping", 0, 400, -1, -1, -1, -1)]
    [InlineData("then a set merged", 0, 400, -1, -1, 300, 700)]
    [InlineData("then an estimate merged", 0, 400, -1, -1, 1_000, 3_000)]
    [InlineData("merged into an empty counter", 0, 400, -1, -1, -1, -1)]
    [InlineData("merged into an overlapping set", 300, 500, -1, -1, 0, 400)]
    [InlineData("two merged past the exact limit together", 0, 600, -1, -1, 500, 1_100)]
    [InlineData("merged into an estimate", 0, 400, -1, -1, 1_000, 3_000)]
    public void DistinctCounter_ValuesAddedAtOnce_CountAsValuesAddedOneByOne(string step, int from, int to, int addFrom, int addTo, int otherFrom, int otherTo)
    {
        var (listed, added) = (Counter(), Counter());
        var values = Enumerable.Range(from, to - from).Select(Hash).ToArray();
        listed.AddDistinct(values);
        foreach (var value in values)
        {
            added.Add(value);
        }

        for (var i = addFrom; i < addTo; i++)
        {
            listed.Add(Hash(i));
            added.Add(Hash(i));
        }

        if (step == "then room made")
        {
            listed.EnsureCapacity(100);
            added.EnsureCapacity(100);
        }

        (DistinctCounter Listed, DistinctCounter Added) result = (listed, added);
        if (step.StartsWith("merged into", StringComparison.Ordinal))
        {
            // This side's values merged into another counter, which was given its own values one by one.
            var (into, intoAdded) = (Counter(), Counter());
            var theirs = Enumerable.Range(otherFrom, Math.Max(0, otherTo - otherFrom)).Select(Hash).ToArray();
            foreach (var value in theirs)
            {
                into.Add(value);
                intoAdded.Add(value);
            }

            into.Merge(listed);
            intoAdded.Merge(added);
            result = (into, intoAdded);
        }
        else if (step is "then a set merged" or "then an estimate merged")
        {
            // Another counter given its values one by one (a set, or past the exact limit an estimate), merged into this one.
            var (other, otherAdded) = (Counter(), Counter());
            for (var i = otherFrom; i < otherTo; i++)
            {
                other.Add(Hash(i));
                otherAdded.Add(Hash(i));
            }

            listed.Merge(other);
            added.Merge(otherAdded);
        }
        else if (step == "then values at once, overlapping")
        {
            // Given at once again, overlapping what it holds: added one by one, each counted once.
            var again = Enumerable.Range(200, 400).Select(Hash).ToArray();
            listed.AddDistinct(again);
            foreach (var value in again)
            {
                added.Add(value);
            }
        }
        else if (otherFrom >= 0)
        {
            // Another counter given its values at once, merged into this one: both listed.
            var (other, otherAdded) = (Counter(), Counter());
            var theirs = Enumerable.Range(otherFrom, otherTo - otherFrom).Select(Hash).ToArray();
            other.AddDistinct(theirs);
            foreach (var value in theirs)
            {
                otherAdded.Add(value);
            }

            listed.Merge(other);
            added.Merge(otherAdded);
        }

        Assert.Equal((result.Added.Count, result.Added.IsExact, result.Added.Footprint), (result.Listed.Count, result.Listed.IsExact, result.Listed.Footprint));
        Assert.True(result.Listed.Footprint <= result.Listed.Bound, $"{step}: footprint {result.Listed.Footprint}");
    }

    [Fact]
    public void DistinctCounter_ValuesAddedAtOnce_AreCountedAsGivenUntilMoreCome_AndMergingACounterIntoItselfChangesNothing()
    {
        var values = Enumerable.Range(0, 400).Select(Hash).ToArray();
        var counter = Counter();
        counter.AddDistinct(values);
        var copy = Counter();
        copy.Merge(counter);
        counter.Merge(counter);
        var before = (counter.Count, copy.Count, counter.IsExact);

        counter.Add(Hash(0));
        counter.Add(Hash(1_000));

        Assert.Equal((400L, 400L, true), before);
        Assert.Equal(401, counter.Count);
        Assert.Equal(400, copy.Count);
        Assert.Equal(Enumerable.Range(0, 400).Select(Hash), values);
    }

    [Fact]
    public void DistinctCounter_ValuesAtOnceToACounterHoldingSome_AreAddedOneByOne_AndCountOnce()
    {
        var counter = Counter();
        counter.Add(Hash(5));
        counter.Add(Hash(1_000));

        counter.AddDistinct(Enumerable.Range(0, 400).Select(Hash).ToArray());

        Assert.Equal(401, counter.Count);
        Assert.True(counter.IsExact);
    }

    [Fact]
    public void DistinctCounter_ValuesAtOnceMergedIntoACounterOfALowerExactLimit_BecomeAnEstimateWithinItsBound()
    {
        var listed = Counter();
        listed.AddDistinct(Enumerable.Range(0, 400).Select(Hash).ToArray());
        var small = new DistinctCounter(exactLimit: 100, precision: 6);

        small.Merge(listed);

        Assert.False(small.IsExact);
        Assert.True(small.Footprint <= small.Bound, $"footprint {small.Footprint}, bound {small.Bound}");
        Assert.InRange(small.Count, 300, 500);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(500)]
    [InlineData(-3)]
    public void SpaceSaving_Top_IsTheFirstOfAStableSortByCountLessErrorThenTieBreak(int count)
    {
        // Counts with many ties, an error under some (the order is by count less error), and a tie-break that ties too
        // (seven names, T0 to T6, for 300 items): the order of the items decides then.
        var summary = new SpaceSaving<TemplateTerminal>(200);
        var random = new Random(12);
        for (var key = 1UL; key <= 300; key++)
        {
            var error = random.Next(3);
            summary.AddExact(key, new TemplateTerminal { Name = "T" + (key % 7), Count = random.Next(1, 6) + error, Error = error });
        }

        var byName = Comparer<TemplateTerminal>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var expected = summary.Items.OrderByDescending(i => i.Count - i.Error).ThenBy(i => i, byName).Take(count).ToList();

        var top = summary.Top(count, byName);

        Assert.Equal(Math.Clamp(count, 0, 300), top.Count);
        Assert.Equal(expected, top);
    }

    [Fact]
    public async Task ScanAsync_TwentyThousandTerminals_ListsAtMostMaxTerminalsAndCountsThemAllExactly()
    {
        // 20,000 terminals with one error each, and POS-HEAVY with 500 errors spread over the file.
        var log = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            log.Append("2026-11-19T10:00:00Z [ERROR] term=T-").Append(i).Append(" org=ACME printer ").Append(i % 7).Append(" not responding\n");
            if (i % 40 == 0)
            {
                log.Append("2026-11-19T10:00:01Z [ERROR] term=POS-HEAVY org=ACME printer 1 not responding\n");
            }
        }

        var options = new LogScanOptions { MaxTerminals = 100, TerminalsPerTemplate = 5, MaxDegreeOfParallelism = 2, BlockSize = 64 << 10 };

        var summary = await TestLogs.Scanner(options).ScanAsync([_dir.File("fleet.log", log.ToString())], new LogScanFilter());

        Assert.Equal(20_001, summary.TerminalCount);
        Assert.False(summary.TerminalCountIsEstimate);
        Assert.True(summary.Terminals.Count <= 100, $"{summary.Terminals.Count} terminals listed");
        Assert.Equal("POS-HEAVY", summary.Terminals[0].Terminal);
        Assert.InRange(summary.Terminals[0].Count, 500 - summary.TerminalCountsMaxError, 500);
        var template = Assert.Single(summary.Templates);
        Assert.Equal(5, template.Terminals.Count);
        Assert.Equal("POS-HEAVY", template.Terminals[0]);
        Assert.True(template.TerminalCountIsEstimate);
        Assert.InRange(template.TerminalCount, 19_200, 20_800);
    }

    private static void Add(SpaceSaving<TemplateTerminal> summary, ulong key)
    {
        if (summary.TryGet(key, out var item))
        {
            item.Count++;
        }
        else
        {
            summary.Add(key, new TemplateTerminal { Name = Name(key), Count = 1 });
        }
    }

    private static string Name(ulong key) => key.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ulong Hash(int i) => XxHash3.HashToUInt64(BitConverter.GetBytes(i));

    private static DistinctCounter Counter() => new(exactLimit: 1_024, precision: 12);
}
