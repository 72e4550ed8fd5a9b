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

    [Fact]
    public void DistinctCounter_DistinctValuesAddedAtOnce_CountAsAddedOneByOne_ThroughAddsMergesAndTheEstimate()
    {
        var values = Enumerable.Range(0, 400).Select(Hash).ToArray();
        var listed = new DistinctCounter(exactLimit: 1_024, precision: 12);
        listed.AddDistinct(values);

        // Merged into an empty counter, then into one that holds some of them, then added to one by one.
        var copy = new DistinctCounter(exactLimit: 1_024, precision: 12);
        copy.Merge(listed);
        var overlapping = new DistinctCounter(exactLimit: 1_024, precision: 12);
        for (var i = 300; i < 500; i++)
        {
            overlapping.Add(Hash(i));
        }

        overlapping.Merge(listed);
        var counts = (listed.Count, copy.Count, overlapping.Count, listed.IsExact);
        listed.Add(Hash(0));
        listed.Add(Hash(1_000));

        // Added to a counter that holds values already, they are added one by one: duplicates count once.
        var holding = new DistinctCounter(exactLimit: 1_024, precision: 12);
        holding.Add(Hash(5));
        holding.AddDistinct(values);

        // Past the exact limit, an estimate, as the same values added one by one give.
        var many = Enumerable.Range(0, 2_000).Select(Hash).ToArray();
        var sketched = new DistinctCounter(exactLimit: 1_024, precision: 12);
        sketched.AddDistinct(many);
        var oneByOne = new DistinctCounter(exactLimit: 1_024, precision: 12);
        foreach (var value in many)
        {
            oneByOne.Add(value);
        }

        Assert.Equal((400L, 400L, 500L, true), counts);
        Assert.Equal(401, listed.Count);
        Assert.Equal(400, copy.Count);
        Assert.Equal(400, holding.Count);
        Assert.False(sketched.IsExact);
        Assert.Equal(oneByOne.Count, sketched.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(500)]
    public void SpaceSaving_Top_IsTheFirstOfAStableSortByCountThenTieBreak(int count)
    {
        // Counts with many ties, and a tie-break that ties too (names of two letters' worth): the order of the items decides then.
        var summary = new SpaceSaving<TemplateTerminal>(200);
        var random = new Random(12);
        for (var key = 1UL; key <= 300; key++)
        {
            summary.AddExact(key, new TemplateTerminal { Name = "T" + (key % 7), Count = random.Next(1, 6) });
        }

        var byName = Comparer<TemplateTerminal>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var expected = summary.Items.OrderByDescending(i => i.Count - i.Error).ThenBy(i => i, byName).Take(count).ToList();

        var top = summary.Top(count, byName);

        Assert.Equal(Math.Min(count, 300), top.Count);
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
}
