using System.IO.Hashing;
using System.Text;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

/// <summary>
/// A template counts its numbered terminals' lines exactly, by number, and hands the counts to its bounded summary
/// when the scanner completes; terminals past the numbers are counted by key, as before.
/// </summary>
public sealed class TemplateTerminalCountsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void CountNumbered_FourHundredTerminalsOverASummaryOf64_ListsTheTopAndTheDistinctCountExactly()
    {
        var numbers = new TerminalNumbers();
        var (numbered, keyed) = (Template(numbers), Template(new TerminalNumbers()));
        var truth = new Dictionary<string, int>();
        var random = new Random(7);
        for (var line = 0; line < 200_000; line++)
        {
            // Skewed: terminal i comes about 1/(i+1) as often as terminal 0, over 400 terminals.
            var i = (int)Math.Min(399, Math.Floor(Math.Exp(random.NextDouble() * Math.Log(800)) - 1));
            var name = $"POS-{i:D3}";
            truth[name] = truth.GetValueOrDefault(name) + 1;
            numbered.Count++;
            numbered.AddTerminal(Hash(name), name, numbers.NumberOf(Hash(name), name));
            keyed.Count++;
            keyed.AddTerminal(Hash(name), name, -1);
        }

        numbered.CountNumbered();
        var handed = numbered.Terminals.Count;
        numbered.Terminals.Trim();

        var expected = truth.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(10).Select(p => p.Key).ToList();
        Assert.Equal((truth.Count, truth.Count), (numbers.Count, handed));
        Assert.True(keyed.Terminals.Floor > 0, "the keyed summary never evicted: the stream does not test what it should");
        Assert.Equal(expected, Top(numbered, 10).Select(t => t.Name));
        Assert.All(Top(numbered, 10), t => Assert.Equal(truth[t.Name], t.Count - t.Error));
        Assert.Equal(truth.Count, numbered.DistinctTerminals.Count);
        Assert.True(numbered.DistinctTerminals.IsExact);
        Assert.True(numbered.Terminals.Count <= numbered.Terminals.Bound);
    }

    /// <summary>
    /// The scan's end counts a template of numbered terminals and trims it in one step, making counters only for the
    /// terminals the trim keeps: the summary must be the one that counting every terminal and then trimming leaves, with
    /// its floor, its counts, its distinct terminals and its ties (many terminals of one count, kept by key).
    /// </summary>
    /// <param name="terminals">How many terminals write the template.</param>
    /// <param name="spread">Each writes 1 to this many lines, at random; 0: each a different count.</param>
    [Theory]
    [InlineData(1, 1)] // one terminal
    [InlineData(128, 3)] // as many as the bound: nothing dropped, no floor
    [InlineData(129, 3)] // one past it: pruned to 64, ties at the threshold
    [InlineData(400, 1)] // all of one count: kept by key alone
    [InlineData(400, 7)]
    [InlineData(400, 0)] // every count different: the floor is the 65th
    [InlineData(1_024, 50)]
    public void CountNumberedTrimmed_IsCountNumberedThenTrim(int terminals, int spread)
    {
        var numbers = new TerminalNumbers();
        var (trimmed, counted) = (Template(numbers), Template(numbers));
        foreach (var template in new[] { trimmed, counted })
        {
            // The same lines for both.
            var random = new Random(terminals * 31 + spread);
            for (var i = 0; i < terminals; i++)
            {
                var name = $"POS-{i:D4}";
                var lines = spread == 0 ? 1 + (i * 37 % terminals) : 1 + random.Next(spread);
                for (var line = 0; line < lines; line++)
                {
                    template.Count++;
                    template.AddTerminal(Hash(name), name, numbers.NumberOf(Hash(name), name));
                }
            }
        }

        Ranked[]? buffer = [];
        trimmed.CountNumberedTrimmed(ref buffer);
        counted.CountNumbered();
        counted.Terminals.Trim();

        Assert.Equal(Summary(counted), Summary(trimmed));
        Assert.Equal((counted.DistinctTerminals.Count, counted.DistinctTerminals.IsExact), (trimmed.DistinctTerminals.Count, trimmed.DistinctTerminals.IsExact));
        Assert.Equal(terminals, trimmed.DistinctTerminals.Count);
        Assert.Equal(counted.Terminals.Floor, trimmed.Terminals.Floor);
        Assert.Equal(terminals > 128, trimmed.Terminals.Floor > 0);
        Assert.Equal(Math.Min(terminals, terminals > 128 ? 64 : 128), trimmed.Terminals.Count);
        Assert.True(buffer!.Length >= terminals, "the buffer given grows to the template's terminals, for the next one");

    }

    [Fact]
    public void CountNumberedTrimmed_WithATerminalCountedByKey_CountsAsCountNumbered_AndLeavesTheTrimToTheCaller()
    {
        // The numbers all taken by terminals T0..T1023 of no line: "late" gets none and is counted by key, in the summary
        // before the numbered counts come, so the one-step trim does not apply. T0..T199 are numbered.
        var numbers = AllTaken();
        var (trimmed, counted) = (Template(numbers), Template(numbers));
        foreach (var template in new[] { trimmed, counted })
        {
            template.Count++;
            template.AddTerminal(Hash("late"), "late", numbers.NumberOf(Hash("late"), "late"));
            for (var i = 0; i < 200; i++)
            {
                for (var line = 0; line <= i % 5; line++)
                {
                    template.Count++;
                    template.AddTerminal(Hash($"T{i}"), $"T{i}", numbers.NumberOf(Hash($"T{i}"), $"T{i}"));
                }
            }
        }

        Ranked[]? buffer = null;
        trimmed.CountNumberedTrimmed(ref buffer);
        counted.CountNumbered();

        // Counted, not trimmed: every terminal is in the summary, past its bound, until the caller trims it.
        Assert.Null(buffer);
        Assert.Equal(201, trimmed.Terminals.Count);
        Assert.True(trimmed.Terminals.Count > trimmed.Terminals.Bound);
        Assert.Equal(Summary(counted), Summary(trimmed));
        trimmed.Terminals.Trim();
        counted.Terminals.Trim();
        Assert.Equal(Summary(counted), Summary(trimmed));
        Assert.Equal(64, trimmed.Terminals.Count);
    }

    [Fact]
    public void CountNumberedTrimmed_AfterAMergeOfTwoWorkers_IsCountNumberedThenTrim()
    {
        // Two workers number 300 terminals in opposite orders; the merged template's numbers are the first worker's, with
        // the second worker's terminals numbered after its own (TerminalNumbers.MapFrom): their names are found by hash.
        var (trimmed, _) = Merged();
        var (counted, _) = Merged();
        Ranked[]? buffer = null;

        trimmed.CountNumberedTrimmed(ref buffer);
        counted.CountNumbered();
        counted.Terminals.Trim();

        Assert.Equal(Summary(counted), Summary(trimmed));
        Assert.Equal(counted.Terminals.Floor, trimmed.Terminals.Floor);
        Assert.Equal((300L, true), (trimmed.DistinctTerminals.Count, trimmed.DistinctTerminals.IsExact));
        Assert.Equal(64, trimmed.Terminals.Count);
        Assert.Contains(trimmed.Terminals.Items, t => t.Name == "POS-299");

        static (TemplateAggregate Merged, TemplateAggregate Other) Merged()
        {
            var (numbersA, numbersB) = (new TerminalNumbers(), new TerminalNumbers());
            var (a, b) = (Template(numbersA), Template(numbersB));
            for (var i = 0; i < 300; i++)
            {
                // Worker A meets POS-000..POS-149, worker B POS-299 down to POS-100; the last ones B meets write the most.
                if (i < 150)
                {
                    a.Count++;
                    a.AddTerminal(Hash($"POS-{i:D3}"), $"POS-{i:D3}", numbersA.NumberOf(Hash($"POS-{i:D3}"), $"POS-{i:D3}"));
                }

                var j = 299 - i;
                if (j >= 100)
                {
                    for (var line = 0; line <= j / 20; line++)
                    {
                        b.Count++;
                        b.AddTerminal(Hash($"POS-{j:D3}"), $"POS-{j:D3}", numbersB.NumberOf(Hash($"POS-{j:D3}"), $"POS-{j:D3}"));
                    }
                }
            }

            a.Merge(b);
            return (a, b);
        }
    }

    [Fact]
    public void ScanAggregateCountNumbered_IntoATotal_TrimsOnlyTheTemplatesTheTotalDoesNotHold()
    {
        // A second input's part: template 1 is already in the total (it merges with the total's and is trimmed after, as
        // before), template 2 is new to it (counted and trimmed at once).
        var part = new ScanAggregate(1_000);
        var total = new ScanAggregate(1_000);
        foreach (var id in new ulong[] { 1, 2 })
        {
            var template = Template(part.Numbers);
            for (var i = 0; i < 200; i++)
            {
                template.Count++;
                template.AddTerminal(Hash($"T{i}"), $"T{i}", part.Numbers.NumberOf(Hash($"T{i}"), $"T{i}"));
            }

            part.Templates.Add(id, template);
        }

        total.Templates.Add(1, Template(total.Numbers));

        part.CountNumbered(into: total);

        Assert.Equal((200, 0L), (part.Templates[1].Terminals.Count, part.Templates[1].Terminals.Floor));
        Assert.Equal((64, 1L), (part.Templates[2].Terminals.Count, part.Templates[2].Terminals.Floor));
        Assert.Equal((200L, 200L), (part.Templates[1].DistinctTerminals.Count, part.Templates[2].DistinctTerminals.Count));
    }

    [Fact]
    public void RankExact_OnASummaryThatHoldsItems_Throws()
    {
        var summary = new SpaceSaving<TemplateTerminal>(2);
        summary.AddExact(1, new TemplateTerminal { Name = "a", Count = 1 });

        Assert.Throws<InvalidOperationException>(() => summary.RankExact(new Ranked[5]));
    }

    [Fact]
    public void CountNumbered_TerminalsPastTheNumbers_AreCountedByKey_AndBothAreListed()
    {
        var numbers = new TerminalNumbers();
        var template = Template(numbers);
        var truth = new Dictionary<string, int>();
        var rest = 0;
        for (var line = 0; line < 50_000; line++)
        {
            // 1,100 terminals, met first in order: the last 76 get no number. Then POS-1099 (not numbered) writes two lines
            // in five, POS-0005 (numbered) one.
            var i = line < 1_100 || line % 5 > 2 ? rest++ % 1_100 : line % 5 == 0 ? 5 : 1_099;
            var name = $"POS-{i:D4}";
            truth[name] = truth.GetValueOrDefault(name) + 1;
            template.Count++;
            template.AddTerminal(Hash(name), name, numbers.NumberOf(Hash(name), name));
        }

        template.CountNumbered();
        template.Terminals.Trim();

        Assert.Equal(TerminalNumbers.Limit, numbers.Count);
        Assert.Equal(["POS-1099", "POS-0005"], Top(template, 2).Select(t => t.Name));
        Assert.Equal(truth["POS-0005"], Top(template, 2)[1].Count - Top(template, 2)[1].Error);
        Assert.InRange(Top(template, 2)[0].Count - Top(template, 2)[0].Error, truth["POS-1099"] - template.Terminals.Floor, truth["POS-1099"]);
        Assert.False(template.DistinctTerminals.IsExact);
        Assert.InRange(template.DistinctTerminals.Count, 1_050, 1_150);
    }

    [Fact]
    public void AddTerminal_PastIntMaxValueLines_HandsTheCountsOverAndCountsByKey()
    {
        var numbers = new TerminalNumbers();
        var template = Template(numbers);
        var (one, two) = (numbers.NumberOf(Hash("POS-1"), "POS-1"), numbers.NumberOf(Hash("POS-2"), "POS-2"));
        for (var line = 0; line < 3; line++)
        {
            template.Count++;
            template.AddTerminal(Hash("POS-1"), "POS-1", one);
        }

        template.Count++;
        template.AddTerminal(Hash("POS-2"), "POS-2", two);

        // A template past int.MaxValue lines in one scanner: a terminal's counter could overflow, so the counts so far are
        // handed to the summary and the lines that follow are counted by key.
        template.Count = int.MaxValue + 1L;
        template.AddTerminal(Hash("POS-1"), "POS-1", one);
        template.AddTerminal(Hash("POS-1"), "POS-1", one);
        template.AddTerminal(Hash("POS-3"), "POS-3", -1);
        template.CountNumbered();
        template.CountNumbered();

        Assert.Equal(
            [("POS-1", 5L, 0L), ("POS-2", 1L, 0L), ("POS-3", 1L, 0L)],
            template.Terminals.Items.Select(t => (t.Name, t.Count, t.Error)).OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.Equal(3, template.DistinctTerminals.Count);
    }

    [Fact]
    public void NumberOf_SameTerminalAgain_SameNumber_AndNoneOnceTheNumbersAreUsed()
    {
        var numbers = new TerminalNumbers();
        for (var i = 0; i < TerminalNumbers.Limit; i++)
        {
            Assert.Equal(i, numbers.NumberOf(Hash($"T{i}"), $"T{i}"));
        }

        Assert.Equal(-1, numbers.NumberOf(Hash("late"), "late"));
        Assert.Equal(17, numbers.NumberOf(Hash("T17"), "T17"));
        Assert.Equal(("T17", Hash("T17")), (numbers.NameOf(17), numbers.HashOf(17)));
    }

    [Fact]
    public void Merge_TwoWorkersNumberingTheTerminalsApart_AddsUpByNumber_AndCountsEachTerminalOnce()
    {
        // Two workers meet 300 terminals in opposite orders, so that a terminal's number differs between them; 150 of them
        // (0-49 and 200-299) are met by one worker only. Merged before either part is counted, by number, then counted once.
        var (numbersA, numbersB) = (new TerminalNumbers(), new TerminalNumbers());
        var (a, b) = (Template(numbersA), Template(numbersB));
        var truth = new Dictionary<string, long>();
        void Line(TemplateAggregate template, TerminalNumbers numbers, int i)
        {
            var name = $"POS-{i:D3}";
            truth[name] = truth.GetValueOrDefault(name) + 1;
            template.Count++;
            template.AddTerminal(Hash(name), name, numbers.NumberOf(Hash(name), name));
        }

        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 200; i++)
            {
                for (var n = 0; n <= i % 7; n++)
                {
                    Line(a, numbersA, i);
                }
            }

            for (var i = 299; i >= 50; i--)
            {
                Line(b, numbersB, i);
            }
        }

        Assert.NotEqual(numbersA.NumberOf(Hash("POS-060"), "POS-060"), numbersB.NumberOf(Hash("POS-060"), "POS-060"));

        a.Merge(b);
        a.CountNumbered();
        b.CountNumbered();

        Assert.Equal(truth.Values.Sum(), a.Count);
        Assert.Equal((300L, true), (a.DistinctTerminals.Count, a.DistinctTerminals.IsExact));
        Assert.Equal(
            truth.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value, 0L)),
            a.Terminals.Items.Select(t => (t.Name, t.Count, t.Error)).OrderBy(t => t.Name, StringComparer.Ordinal));
        // The other part's counts were added, not kept: counting it afterwards hands nothing over.
        Assert.Equal(0, b.Terminals.Count);
    }

    [Fact]
    public void Merge_ATerminalThatGetsNoNumberHere_CountsTheOtherPartByKey_AndLosesNoLine()
    {
        // This worker's numbers are all taken by terminals the other never met: the other's terminals get none here, and its
        // part is counted by key before the merge; this part's own numbered counts are still counted after.
        var (numbersA, numbersB) = (AllTaken(), new TerminalNumbers());

        var (a, b) = (Template(numbersA), Template(numbersB));
        a.Count += 3;
        for (var n = 0; n < 3; n++)
        {
            a.AddTerminal(Hash("T7"), "T7", numbersA.NumberOf(Hash("T7"), "T7"));
        }

        b.Count += 2;
        b.AddTerminal(Hash("POS-9"), "POS-9", numbersB.NumberOf(Hash("POS-9"), "POS-9"));
        b.AddTerminal(Hash("T7"), "T7", numbersB.NumberOf(Hash("T7"), "T7"));

        a.Merge(b);
        a.CountNumbered();

        Assert.Equal(
            [("POS-9", 1L, 0L), ("T7", 4L, 0L)],
            a.Terminals.Items.Select(t => (t.Name, t.Count, t.Error)).OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.Equal((2L, 5L), (a.DistinctTerminals.Count, a.Count));
    }

    [Fact]
    public void Merge_ASummaryThatDroppedTerminals_BoundsEveryTerminalsCount_AsIfBothPartsHadBeenCountedFirst()
    {
        // Worker B's numbers are all taken before POS-X comes, so B counts POS-X by key in a summary of 64 that drops it
        // among 200 other keyed terminals (its floor rises); worker A counts POS-X by number. Merged, POS-X's count must
        // still bound its true count from above, within its error: B's floor is added to it, as to any terminal only
        // A's summary keeps.
        var (numbersA, numbersB) = (new TerminalNumbers(), AllTaken());

        var (a, b) = (Template(numbersA), Template(numbersB));
        var truth = new Dictionary<string, long>();
        void Line(TemplateAggregate template, TerminalNumbers numbers, string name)
        {
            truth[name] = truth.GetValueOrDefault(name) + 1;
            template.Count++;
            template.AddTerminal(Hash(name), name, numbers.NumberOf(Hash(name), name));
        }

        for (var n = 0; n < 40; n++)
        {
            Line(a, numbersA, "POS-X");
        }

        Line(b, numbersB, "POS-X");
        Line(b, numbersB, "POS-X");
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 200; i++)
            {
                Line(b, numbersB, $"K{i}");
            }
        }

        Assert.True(b.Terminals.Floor > 0, "B's summary dropped nothing: the test does not test what it should");

        a.Merge(b);
        a.CountNumbered();

        Assert.All(a.Terminals.Items, t => Assert.InRange(truth[t.Name], t.Count - t.Error, t.Count));
        var x = Assert.Single(a.Terminals.Items, t => t.Name == "POS-X");
        Assert.True(x.Count >= truth["POS-X"], $"POS-X counted {x.Count} (error {x.Error}) for {truth["POS-X"]} lines");
        Assert.Equal(truth.Values.Sum(), a.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ScanAsync_FourHundredTerminalsPerTemplate_ListsEachTemplatesTopTerminalsExactly(int threads)
    {
        // Two templates, each written by 400 terminals in turn: every line of a template's summary of 64 would have been
        // a miss. The top ten of each are clear: terminal k of the first ten writes k more lines than the rest.
        var log = new StringBuilder();
        var expected = new List<string>[2] { [], [] };
        for (var round = 0; round < 30; round++)
        {
            for (var i = 0; i < 400; i++)
            {
                var extra = i < 10 && round < 10 + i ? 1 : 0;
                for (var n = 0; n <= extra; n++)
                {
                    log.Append("2026-11-19T10:00:00Z [ERROR] term=POS-").Append(i.ToString("D3", null)).Append(" org=ACME printer not responding\n");
                    log.Append("2026-11-19T10:00:00Z [FAIL] term=POS-").Append((399 - i).ToString("D3", null)).Append(" org=ACME card reader failed\n");
                }
            }
        }

        for (var i = 9; i >= 0; i--)
        {
            expected[0].Add($"POS-{i:D3}");
            expected[1].Add($"POS-{399 - i:D3}");
        }

        var options = new LogScanOptions { TerminalsPerTemplate = 10, MaxDegreeOfParallelism = threads, BlockSize = 64 << 10 };

        var summary = await TestLogs.Scanner(options).ScanAsync([_dir.File("fleet.log", log.ToString())], new LogScanFilter());

        var printer = summary.Templates.Single(t => t.Template.Contains("printer", StringComparison.Ordinal));
        var reader = summary.Templates.Single(t => t.Template.Contains("card reader", StringComparison.Ordinal));
        // With two workers too: each hands its exact counts over, and they are added up before anything is dropped.
        Assert.Equal(expected[0], printer.Terminals);
        Assert.Equal(expected[1], reader.Terminals);

        Assert.Equal((400, false), (printer.TerminalCount, printer.TerminalCountIsEstimate));
        Assert.Equal((400, false), (reader.TerminalCount, reader.TerminalCountIsEstimate));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ScanAsync_ScanSummaryEvictsTerminals_TheyKeepTheirNumberAndEveryLineIsCounted(int threads)
    {
        // A scan that keeps two terminals at most evicts at nearly every line of a rotation of five; POS-1 then writes
        // 300 lines in a row. A terminal handed out of a stale cache, or given a second number, would lose lines.
        var log = new StringBuilder();
        for (var round = 0; round < 200; round++)
        {
            for (var i = 1; i <= 5; i++)
            {
                log.Append("2026-11-19T10:00:00Z [ERROR] term=POS-").Append(i).Append(" org=ACME printer not responding\n");
            }
        }

        for (var line = 0; line < 300; line++)
        {
            log.Append("2026-11-19T10:00:01Z [ERROR] term=POS-1 org=ACME printer not responding\n");
        }

        var options = new LogScanOptions { MaxTerminals = 2, TerminalsPerTemplate = 5, MaxDegreeOfParallelism = threads, BlockSize = 16 << 10 };

        var summary = await TestLogs.Scanner(options).ScanAsync([_dir.File("fleet.log", log.ToString())], new LogScanFilter());

        var template = Assert.Single(summary.Templates);
        Assert.Equal(["POS-1", "POS-2", "POS-3", "POS-4", "POS-5"], template.Terminals);
        Assert.Equal((5, false), (template.TerminalCount, template.TerminalCountIsEstimate));
        Assert.Equal((5, false), (summary.TerminalCount, summary.TerminalCountIsEstimate));
        Assert.Equal("POS-1", summary.Terminals[0].Terminal);
        Assert.InRange(summary.Terminals[0].Count, 500 - summary.TerminalCountsMaxError, 500);
    }

    private static TemplateAggregate Template(TerminalNumbers numbers) => new()
    {
        Template = "printer <*> not responding",
        Example = new PosFleet.Logs.LogEntry { Timestamp = DateTimeOffset.UnixEpoch, Message = "printer 1 not responding" },
        Terminals = new SpaceSaving<TemplateTerminal>(64) { ReuseEvicted = true },
        DistinctTerminals = new DistinctCounter(ScanAggregate.DistinctTemplateTerminalsExact, 12),
        Numbers = numbers,
    };

    /// <summary>A template's terminal summary as names, counts and errors, by name.</summary>
    private static List<(string Name, long Count, long Error)> Summary(TemplateAggregate template) =>
        [.. template.Terminals.Items.Select(t => (t.Name, t.Count, t.Error)).OrderBy(t => t.Name, StringComparer.Ordinal)];

    private static List<TemplateTerminal> Top(TemplateAggregate template, int count) =>
        template.Terminals.Top(count, Comparer<TemplateTerminal>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name)));

    /// <summary>Numbers all taken, by terminals T0, T1, ... that write no line.</summary>
    private static TerminalNumbers AllTaken()
    {
        var numbers = new TerminalNumbers();
        for (var i = 0; i < TerminalNumbers.Limit; i++)
        {
            numbers.NumberOf(Hash($"T{i}"), $"T{i}");
        }

        return numbers;
    }

    private static ulong Hash(string name) => XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(name));
}
