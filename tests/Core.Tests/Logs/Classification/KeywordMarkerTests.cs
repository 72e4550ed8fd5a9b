using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using System.Text;
using CsCheck;
using PosFleet.Logs;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Classification;

/// <summary>
/// The block's keyword marks, which let a scan skip the search of a line with none: every line in which a keyword's
/// spelling occurs as a whole word is marked, wherever it falls in the block (its first and last bytes, across every
/// 64-byte step), and the common lines of a POS log that hold none are not.
/// </summary>
public sealed class KeywordMarkerTests
{
    [ShufflesTheory]
    [MemberData(nameof(Widths))]
    public void Marks_RandomKeywordsAndBlocks_MarkEveryLineWhereAKeywordOccurs(int width)
    {
        // Few letters, both cases, a two-byte letter, a digit and the signs that join words: keywords and lines meet often.
        var word = Gen.String[Gen.Char["abAB é1-_."], 4, 9];
        var line = Gen.String[Gen.Char["abcABC éÉ1-_.:"], 0, 150];
        Gen.Select(word.Array[1, 30], line.Array[1, 40]).Sample(sample =>
        {
            var (keywords, lines) = sample;
            var distinct = keywords.Distinct(StringComparer.Ordinal).ToArray();
            var classifier = new LogClassifier([new ClassificationRule { Name = "r", Keywords = distinct, Kind = LogKind.Error }]);
            Assert.NotNull(classifier.Marker);
            var marker = KeywordMarker.Create(classifier.KeywordVariants, width);

            // Plant keywords in some lines, so that true hits are common.
            var planted = lines.Select((l, i) => i % 3 == 0 ? l + " " + distinct[i % distinct.Length] + (i % 2 == 0 ? "" : ". tail") : l).ToArray();
            var block = Encoding.UTF8.GetBytes(string.Join('\n', planted));
            var splitter = new LineSplitter(block, marker, wide: width == 512);
            var n = 0;
            while (splitter.Next(out var start, out var end, out _, out var marked))
            {
                var text = block.AsSpan(start, end - start);
                if (classifier.FindKeywords(text) != 0)
                {
                    Assert.True(marked, $"line {n} holds a keyword and is not marked: '{Encoding.UTF8.GetString(text)}'");
                }

                n++;
            }

            // A last line left empty by the join is no line.
            Assert.Equal(planted[^1].Length == 0 ? planted.Length - 1 : planted.Length, n);
        });
    }

    [ShufflesTheory]
    [MemberData(nameof(Widths))]
    public void Marks_AKeywordAtEveryOffsetOfTheBlock_MarkItsLineOnly(int width)
    {
        var classifier = new LogClassifier(DefaultClassificationRules.All);

        // "card declined" placed so that it starts at each of the first 140 bytes of a block (the first step is read from a
        // copy, a keyword may cross a 64-byte step), with a line before it and after it, or as the block's very last bytes.
        foreach (var at in Enumerable.Range(0, 140).Concat(Enumerable.Range(1000, 140)))
        {
            foreach (var last in new[] { false, true })
            {
                var before = at == 0 ? "" : new string('x', Math.Max(0, at - 1)) + "\n";
                var text = before + "card declined" + (last ? "" : " by bank\nticket closed ref=T-1 total=1.00 EUR");
                var block = Encoding.ASCII.GetBytes(text);
                var marks = Marks(block, classifier, width);

                Assert.Equal(at == 0 ? (last ? [true] : [true, false]) : last ? [false, true] : [false, true, false], marks);
            }
        }
    }

    [ShufflesTheory]
    [MemberData(nameof(Widths))]
    public void Marks_CommonPosLines_AreNotMarked_AndKnownErrorsAre(int width)
    {
        var classifier = new LogClassifier(DefaultClassificationRules.All);
        var block = Encoding.ASCII.GetBytes("""
            2026-11-17T00:00:00.000Z [INFO] term=POS-0268 org=sauer-llc-015 tickets: ticket closed ref=T-570487 total=34.51 EUR items=3
            2026-11-17T00:00:00.060Z [INFO] term=POS-0203 org=botsford-zemlak-041 sync: sync completed, 258 changes uploaded in 51 ms
            2026-11-17T00:00:00.090Z [INFO] term=POS-0326 org=kessler-langworth-and-kutch-023 payment: payment approved card=************4242 amount=12.00 EUR
            2026-11-17T00:00:00.122Z [INFO] term=POS-0327 org=brakus-and-sons-033 printer: printer ready, connection restored
            2026-11-17T00:00:00.150Z [WARN] term=POS-0101 org=sauer-llc-015 payment: card declined by issuer
            2026-11-17T00:00:00.180Z [INFO] term=POS-0102 org=sauer-llc-015 printer: Printer offline since 10:00
            2026-11-17T00:00:00.210Z [ERROR] term=POS-0103 org=sauer-llc-015 sync: the request TIMED OUT
            2026-11-17T00:00:00.240Z [INFO] term=POS-0104 org=sauer-llc-015 db: database is locked
            2026-11-17T00:00:00.270Z [WARN] term=POS-0105 org=sauer-llc-015 printer: low paper on printer 3
            2026-11-17T00:00:00.300Z [FAIL] term=POS-0105 org=sauer-llc-015 printer: printer 3 is out of paper
            """.ReplaceLineEndings("\n"));

        // "low paper" ends as "out of paper" does in its last four bytes, not in its last eight.
        Assert.Equal([false, false, false, false, true, true, true, true, false, true], Marks(block, classifier, width));
    }

    [ShufflesTheory]
    [MemberData(nameof(Widths))]
    public void Marks_BlankTailAtTheBlocksStart_MarksItsLine_AndAWindowWithoutItsTailNot(int width)
    {
        // Before a block the marker reads zeros, which fold to a blank: the tail " offline" of "printer offline" then ends
        // at "offline" at the very start of a block, one mark more than needed, which the line's own search drops. Within
        // the block, "backoffline" ends in the window "line" and a word's end, but not in the tail.
        var classifier = new LogClassifier(DefaultClassificationRules.All);

        Assert.Equal([true, false], Marks("offline\nbackoffline\n"u8.ToArray(), classifier, width));
    }

    [ShufflesTheory]
    [MemberData(nameof(Widths))]
    public void Marks_EveryByteAfterAKeyword_MarkExactlyWhenItEndsAWord(int width)
    {
        // The vector word-byte table against the scalar rule the search uses (WholeWord.IsWordByte), for all 256 bytes.
        var classifier = new LogClassifier(DefaultClassificationRules.All);
        for (var b = 0; b < 256; b++)
        {
            if (b is '\n' or '\r')
            {
                continue;
            }

            byte[] block = [.. "sync: card declined"u8, (byte)b, .. " by bank"u8];
            Assert.Equal(!WholeWord.IsWordByte((byte)b), Marks(block, classifier, width).Single());
        }
    }

    [ShufflesTheory]
    [MemberData(nameof(KeywordSets))]
    public void Mark_AnyBytes_MarksExactlyWhereAKeywordsTailEndsAWord_TheSameAtEveryWidth(string[] keywords)
    {
        // Every byte value, keywords holding signs on either side of the letters in the ASCII table ('@', '`', '[', '{'), a
        // control byte and a two-byte letter, at every length around the 64-byte steps: the places where the last eight bytes
        // of a spelling (all of a shorter one), case-folded, end before a byte that ends a word are marked, those alone, and
        // every width marks the same places.
        // With and without a non-ASCII window byte (whose low nibbles are then looked up masked), and with and without the
        // word-end check (taken only when no spelling ends in a sign).
        var classifier = new LogClassifier([new ClassificationRule { Name = "r", Keywords = keywords, Kind = LogKind.Error }]);
        var tails = KeywordTails.Of(classifier);
        var markers = AvailableWidths().Select(w => (w, KeywordMarker.Create(classifier.KeywordVariants, w)!)).ToArray();
        var random = new Random(7);
        foreach (var length in Enumerable.Range(0, 200).Concat([1023, 1024, 1025, 4096, 4097]))
        {
            var data = new byte[length];
            random.NextBytes(data);
            for (var planted = 0; planted < length / 40; planted++)
            {
                var spelling = classifier.KeywordVariants[random.Next(classifier.KeywordVariants.Length)];
                var at = random.Next(Math.Max(1, length - spelling.Length));
                spelling.AsSpan(0, Math.Min(spelling.Length, length - at)).CopyTo(data.AsSpan(at));
            }

            var steps = (length + 63) / 64;
            foreach (var (width, marker) in markers)
            {
                var marks = new ulong[steps];
                for (var step = 0; step < steps; step++)
                {
                    marks[step] = marker.Mark64(data, step * 64);
                }

                for (var i = 0; i < length; i++)
                {
                    var marked = (marks[i / 64] & (1UL << (i % 64))) != 0;
                    Assert.True(marked == tails.Marks(data, i), $"{width}-bit steps, length {length}: at {i}, {(marked ? "a mark where no keyword's tail ends a word" : "no mark where a keyword's tail ends a word")}");
                }
            }
        }
    }

    [ShufflesTheory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(47)]
    [InlineData(48)]
    [InlineData(63)]
    public void Mark64_EveryByteAfterAKeywordInAMiddleStep_MarksExactlyWhenItEndsAWord_AtEveryWidth(int lane)
    {
        // The word classes of a step read in place (not the padded first or last one), where each width takes its own
        // shuffles: a keyword ends at byte `lane` of the second 64-byte step of a 200-byte block, and every byte value
        // follows it, at the lanes where the 128-bit and 256-bit parts of a step meet. Every keyword ends in a word byte,
        // so the byte after it decides; and no keyword's last three bytes begin another's window (as "offline" followed by
        // "d" would end "declined"'s), so that byte makes no window of its own.
        string[] keywords = ["jammed", "offline", "timeout"];
        byte[][] variants = [.. keywords.Select(Encoding.ASCII.GetBytes)];
        Assert.All(variants, v => Assert.True(WholeWord.IsWordByte(v[^1])));
        var markers = AvailableWidths().Select(w => (w, KeywordMarker.Create(variants, w)!)).ToArray();
        const int Step = 64;
        foreach (var keyword in variants)
        {
            for (var b = 0; b < 256; b++)
            {
                var block = Enumerable.Repeat((byte)'.', 200).ToArray();
                var end = Step + lane;
                keyword.CopyTo(block, end - keyword.Length + 1);
                block[end + 1] = (byte)b;

                var expected = WholeWord.IsWordByte((byte)b) ? 0UL : 1UL << lane;
                for (var at = 0; at < block.Length; at += Step)
                {
                    foreach (var (width, marker) in markers)
                    {
                        var marks = marker.Mark64(block, at);
                        var what = $"byte 0x{b:X2} after '{Encoding.ASCII.GetString(keyword)}' ending at lane {lane}, step at {at}";
                        Assert.True(marks == (at == Step ? expected : 0), $"{what}: {width}-bit marks {marks:X16}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Create_WithoutVectorShuffles_GivesNoMarker()
    {
        Assert.Equal(Ssse3.IsSupported || AdvSimd.Arm64.IsSupported, new LogClassifier(DefaultClassificationRules.All).Marker is not null);
    }

    [Fact]
    public void Create_SpellingsItCannotServe_GivesNoMarker()
    {
        // A keyword shorter than the four bytes a mark compares, or none at all: each line is searched on its own.
        Assert.Null(new LogClassifier([new ClassificationRule { Name = "r", Keywords = ["E42"], Kind = LogKind.Error }]).Marker);
        Assert.Null(new LogClassifier([new ClassificationRule { Name = "r", Levels = ["ERROR"], Kind = LogKind.Error }]).Marker);
    }

    [ShufflesTheory]
    [MemberData(nameof(Widths))]
    public void Marks_AKeywordEndingInASign_MarkWhateverFollowsIt(int width)
    {
        // "E-4711:" ends a word by itself: the byte after it (here a letter) does not matter.
        var classifier = new LogClassifier([new ClassificationRule { Name = "r", Keywords = ["E-4711:"], Kind = LogKind.Error }]);
        var block = Encoding.ASCII.GetBytes("reader E-4711:x jammed\nreader E-4712: fine\n");

        Assert.Equal([true, false], Marks(block, classifier, width));
    }

    /// <summary>Keyword sets with and without a non-ASCII byte in their last four, with and without a spelling ending in a sign.</summary>
    public static TheoryData<string[]> KeywordSets => new()
    {
        { ["card@declined", "`quoted`x", "[tag]", "{brace}", "tab\u0001ed", "reçu imprimé", "timeout"] },
        { ["card@declined", "`quoted`x", "[tag]", "{brace}", "tab\u0001ed", "timeout"] },
        { ["card@declined", "`quoted`x", "tab\u0001ed", "timeout", "offline"] },
        { ["card@declined", "reçu imprimé", "timeout", "échoué"] },
    };

    /// <summary>
    /// The 128-bit steps of an x86-64-v2 build and of arm64, the 256-bit ones a NativeAOT build for x86-64-v3 takes, and
    /// the 512-bit ones: each where this processor has it.
    /// </summary>
    public static TheoryData<int> Widths => new(AvailableWidths());

    internal static IEnumerable<int> AvailableWidths()
    {
        if (Ssse3.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            yield return 128;
        }

        if (Avx2.IsSupported && Vector256.IsHardwareAccelerated)
        {
            yield return 256;
        }

        if (Avx512BW.IsSupported && Vector512.IsHardwareAccelerated)
        {
            yield return 512;
        }
    }

    private static List<bool> Marks(byte[] block, LogClassifier classifier, int width)
    {
        var splitter = new LineSplitter(block, KeywordMarker.Create(classifier.KeywordVariants, width), wide: width == 512);
        var marks = new List<bool>();
        while (splitter.Next(out _, out _, out _, out var marked))
        {
            marks.Add(marked);
        }

        return marks;
    }
}
