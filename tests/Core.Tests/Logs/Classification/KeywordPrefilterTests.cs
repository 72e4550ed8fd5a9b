using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using System.Text;
using CsCheck;
using PosFleet.Logs;
using PosFleet.Logs.Classification;

namespace PosFleet.Tests.Logs.Classification;

/// <summary>
/// The keyword prefilter selects exactly the lines in which one of a keyword's spellings (as written, lower case, upper
/// case, capitalized) occurs as a whole word, however many keywords there are, and costs no allocation per line.
/// </summary>
public sealed class KeywordPrefilterTests
{
    // Few letters, both cases, a two-byte letter and a space: random keywords and lines meet often.
    private static readonly Gen<string> Word = Gen.String[Gen.Char["abAB é"], 1, 6];
    private static readonly Gen<string> Line = Gen.String[Gen.Char["abcABC éÉ"], 0, 90];

    [Fact]
    public void FindKeywords_RandomKeywordsAndLines_SelectsExactlyTheLinesNaiveSearchSelects()
    {
        Gen.Select(Word.Array[1, 150], Line.Array[1, 12]).Sample(sample =>
        {
            var (keywords, lines) = sample;
            var distinct = keywords.Distinct(StringComparer.Ordinal).ToArray();
            var classifier = new LogClassifier([new ClassificationRule { Name = "r", Keywords = distinct, Kind = LogKind.Error }]);
            foreach (var line in lines)
            {
                var bytes = Encoding.UTF8.GetBytes(line);
                var expected = NaiveHits(distinct, bytes);
                var hits = classifier.FindKeywords(bytes);

                Assert.Equal(expected.Count > 0, hits != 0);
                if (distinct.Length <= 64)
                {
                    Assert.Equal(expected.Aggregate(0UL, (mask, k) => mask | (1UL << k)), hits);
                }
            }
        });
    }

    [Fact]
    public void FindKeywords_LongMessagesInsideALargerBuffer_FindsExactlyTheKeywordsNaiveSearchFinds()
    {
        // Spellings of four bytes or more (the packed prefilter's), messages past 512 bytes (several stretches of its
        // search) given as a slice of a buffer that goes on with keywords the search must not report.
        var word = Gen.String[Gen.Char["abAB é"], 4, 8];
        var line = Gen.String[Gen.Char["abcABC éÉ"], 0, 1500];
        Gen.Select(word.Array[1, 40], line.Array[1, 6], Gen.Int[0, 70]).Sample(sample =>
        {
            var (keywords, lines, extra) = sample;
            var distinct = keywords.Distinct(StringComparer.Ordinal).ToArray();
            var classifier = new LogClassifier([new ClassificationRule { Name = "r", Keywords = distinct, Kind = LogKind.Error }]);
            var after = Encoding.UTF8.GetBytes(" " + string.Join(' ', distinct)).AsSpan(0, Math.Min(extra, Encoding.UTF8.GetByteCount(" " + string.Join(' ', distinct))));
            foreach (var text in lines)
            {
                var message = Encoding.UTF8.GetBytes(text);
                byte[] buffer = [.. message, .. after];
                var expected = NaiveHits(distinct, message).Aggregate(0UL, (mask, k) => mask | (1UL << k));

                Assert.Equal(expected, classifier.FindKeywords(buffer.AsSpan(0, message.Length), buffer));
                Assert.Equal(expected, classifier.FindKeywords(message));
            }
        });
    }

    [Fact]
    public void Classifier_OnAProcessorWithByteShuffles_TakesThePackedPrefilter()
    {
        // SSSE3 (every x86-64-v2 processor), AVX2 or arm64's AdvSimd: the packed prefilter; only without them the automaton.
        var classifier = new LogClassifier(DefaultClassificationRules.All);

        Assert.Equal(Ssse3.IsSupported || AdvSimd.Arm64.IsSupported, classifier.IsPacked);
    }

    [ShufflesTheory]
    [MemberData(nameof(KeywordMarkerTests.Widths), MemberType = typeof(KeywordMarkerTests))]
    public void KeywordMatcher_AtEachWidth_FindsExactlyTheKeywordsNaiveSearchFinds(int width)
    {
        // The packed prefilter in 16-byte steps (an x86-64-v2 processor, arm64), 32-byte ones (a NativeAOT build for
        // x86-64-v3) and 64-byte ones, each where this processor has it: random messages with a spelling planted at every
        // offset up to 140 (every lane of each step), inside a buffer that goes on with keywords, against the naive search.
        var word = Gen.String[Gen.Char["abAB é"], 4, 8];
        var line = Gen.String[Gen.Char["abcABC éÉ"], 0, 200];
        Gen.Select(word.Array[1, 40], line.Array[1, 4], Gen.Int[0, int.MaxValue]).Sample(sample =>
        {
            var (keywords, lines, seed) = sample;
            var distinct = keywords.Distinct(StringComparer.Ordinal).ToArray();
            var (variants, keywordOf) = Spellings(distinct);
            var matcher = new KeywordMatcher(variants, keywordOf, width);
            var after = Encoding.UTF8.GetBytes(" " + string.Join(' ', distinct));
            var random = new Random(seed);
            foreach (var text in lines)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                for (var at = 0; at <= 140; at++)
                {
                    var spelling = variants[random.Next(variants.Length)];
                    byte[] message = [.. bytes.AsSpan(0, Math.Min(at, bytes.Length)), (byte)' ', .. spelling, (byte)' ', .. bytes.AsSpan(Math.Min(at, bytes.Length))];
                    byte[] buffer = [.. message, .. after];
                    var expected = NaiveHits(distinct, message).Aggregate(0UL, (mask, k) => mask | (1UL << k));

                    Assert.NotEqual(0UL, expected);
                    Assert.Equal(expected, matcher.Find(message));
                    Assert.Equal(expected, matcher.Find(buffer.AsSpan(0, message.Length), buffer));
                }
            }
        }, iter: 20);
    }

    [Fact]
    public void KeywordAutomaton_RandomKeywordsAndLines_FindsExactlyTheKeywordsNaiveSearchFinds_WithAndWithoutFullRows()
    {
        Gen.Select(Word.Array[1, 300], Line.Array[1, 12], Gen.Int[1, 4096]).Sample(sample =>
        {
            var (keywords, lines, denseBudget) = sample;
            var distinct = keywords.Distinct(StringComparer.Ordinal).ToArray();
            var (variants, keywordOf) = Spellings(distinct);
            var automaton = new KeywordAutomaton(variants, keywordOf, denseBudget);
            foreach (var line in lines)
            {
                var bytes = Encoding.UTF8.GetBytes(line);
                var found = new ulong[(distinct.Length + 63) / 64];
                automaton.Find(bytes, found);

                var actual = Enumerable.Range(0, distinct.Length).Where(k => (found[k / 64] & (1UL << k)) != 0);
                Assert.Equal(NaiveHits(distinct, bytes), actual);
            }
        });
    }

    [Fact]
    public void Classify_FiveHundredRulesOfFourKeywords_PicksTheRuleWhoseKeywordOccurs()
    {
        var rules = VendorRules(500).ToList();
        var classifier = new LogClassifier([.. rules, .. DefaultClassificationRules.All]);

        Assert.True(classifier.IsWide);
        for (var i = 0; i < 500; i += 7)
        {
            var keyword = rules[i].Keywords![i % 4];
            var message = Encoding.UTF8.GetBytes($"device: {keyword.ToUpperInvariant()} reported after printer offline");
            var c = classifier.Classify(LogKind.None, LogSeverity.Success, "INFO"u8, "device"u8, message, classifier.FindKeywords(message));

            Assert.Equal(rules[i].Name, classifier.Rules[c.RuleIndex].Name);
        }

        var builtIn = "printer offline at 10.0.0.7"u8;
        var b = classifier.Classify(LogKind.None, LogSeverity.Success, "INFO"u8, "printer"u8, builtIn, classifier.FindKeywords(builtIn));
        Assert.Equal("printer-offline", classifier.Rules[b.RuleIndex].Name);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(500)]
    public void FindKeywordsAndClassify_RepeatedLines_AllocateNothing(int vendorRules)
    {
        var classifier = new LogClassifier([.. VendorRules(vendorRules), .. DefaultClassificationRules.All]);
        var unselected = "tickets: ticket closed ref=T-123456 total=12.50 EUR items=3"u8.ToArray();
        var selected = "vendor: SCANNER-014 FAULT, printer offline"u8.ToArray();
        Run(classifier, unselected, selected); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Run(classifier, unselected, selected);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    internal static IEnumerable<ClassificationRule> VendorRules(int count)
    {
        string[] devices = ["scanner", "scale", "drawer", "pinpad", "display", "fiscal", "kitchen", "label", "badge", "coin"];
        for (var i = 0; i < count; i++)
        {
            var device = devices[i % devices.Length];
            yield return new ClassificationRule
            {
                Name = $"vendor-{i:000}",
                Keywords = [$"{device} jammed #{i:000}", $"E{4000 + i}", $"{device.ToUpperInvariant()}-{i:000} FAULT", $"vx{i:000}q"],
                Kind = LogKind.Fail,
            };
        }
    }

    private static void Run(LogClassifier classifier, byte[] unselected, byte[] selected)
    {
        var hits = classifier.FindKeywords(unselected);
        _ = classifier.Classify(LogKind.None, LogSeverity.Success, "INFO"u8, "tickets"u8, unselected, hits);
        hits = classifier.FindKeywords(selected);
        _ = classifier.Classify(LogKind.None, LogSeverity.Success, "INFO"u8, "vendor"u8, selected, hits);
    }

    /// <summary>The oracle: each spelling of each keyword searched for on its own, at every place, as a whole word.</summary>
    private static List<int> NaiveHits(string[] keywords, byte[] line) =>
        [.. Enumerable.Range(0, keywords.Length).Where(k => SpellingsOf(keywords[k]).Any(s => OccursAsWord(line, Encoding.UTF8.GetBytes(s))))];

    private static bool OccursAsWord(byte[] line, byte[] word)
    {
        // A word byte is a letter, a digit, '_', '-' or part of a non-ASCII character; an end of the match that is one
        // must not touch another.
        static bool IsWord(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'-' or >= 0x80;
        for (var at = 0; at + word.Length <= line.Length; at++)
        {
            if (line.AsSpan(at, word.Length).SequenceEqual(word)
                && (at == 0 || !IsWord(word[0]) || !IsWord(line[at - 1]))
                && (at + word.Length == line.Length || !IsWord(word[^1]) || !IsWord(line[at + word.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static (byte[][] Variants, int[] KeywordOf) Spellings(string[] keywords)
    {
        var pairs = keywords.SelectMany((k, i) => SpellingsOf(k).Select(s => (Bytes: Encoding.UTF8.GetBytes(s), Keyword: i))).ToArray();
        return ([.. pairs.Select(p => p.Bytes)], [.. pairs.Select(p => p.Keyword)]);
    }

    private static IEnumerable<string> SpellingsOf(string keyword)
    {
        var lower = keyword.ToLowerInvariant();
        return new[] { keyword, lower, keyword.ToUpperInvariant(), char.ToUpperInvariant(lower[0]) + lower[1..] }.Distinct(StringComparer.Ordinal);
    }
}
