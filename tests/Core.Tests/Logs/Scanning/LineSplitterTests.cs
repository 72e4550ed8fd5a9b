using PosFleet.Logs.Classification;
using PosFleet.Logs.Scanning;
using PosFleet.Tests.Logs.Classification;

namespace PosFleet.Tests.Logs.Scanning;

/// <summary>
/// The line splitter's batches against a byte-by-byte split: every line's end and its flags (a NUL or non-ASCII byte,
/// a keyword mark, from the marker's 128-bit, 256-bit and 512-bit steps), whatever the lengths of the lines and of the
/// data, across 64-byte steps and across batches.
/// </summary>
public sealed class LineSplitterTests
{
    [Theory]
    [MemberData(nameof(Widths))]
    public void NextLines_AnyLinesAndLengths_GiveWhatAByteByByteSplitGives(int width)
    {
        var random = new Random(3);
        var classifier = new LogClassifier(DefaultClassificationRules.All);
        var marker = width == 0 ? null : KeywordMarker.Create(classifier.KeywordVariants, width);
        foreach (var length in Enumerable.Range(0, 300).Concat([4095, 4096, 4097, 65_535, 65_536, 65_537]))
        {
            // Short lines (more than a batch holds: many per 64-byte step) and long ones, a few special bytes and keywords.
            var data = new byte[length];
            for (var i = 0; i < length; i++)
            {
                data[i] = random.Next(length > 4096 ? 90 : 12) switch
                {
                    0 => (byte)'\n',
                    // Special: NUL and bytes from 0x80 up; 0x01 and 0x7F (DEL) are ASCII, not special.
                    1 when random.Next(20) == 0 => (byte)(random.Next(6) switch { 0 => 0, 1 => 0x80, 2 => 0xFF, 3 => 0x01, 4 => 0x7F, _ => 0xC3 }),
                    _ => (byte)random.Next('a', 'z' + 1),
                };
            }

            if (length > 40 && random.Next(2) == 0)
            {
                "printer offline\n"u8.CopyTo(data.AsSpan(length / 3));
            }

            // Keywords anywhere (across steps, at the data's end), followed by a byte that ends a word or one that does not.
            for (var planted = 0; planted < length / 50; planted++)
            {
                var spelling = classifier.KeywordVariants[random.Next(classifier.KeywordVariants.Length)];
                var at = random.Next(length);
                spelling.AsSpan(0, Math.Min(spelling.Length, length - at)).CopyTo(data.AsSpan(at));
                if (at + spelling.Length < length)
                {
                    data[at + spelling.Length] = (byte)" \nx-.:_"[random.Next(7)];
                }
            }

            var expected = Split(data, marker);
            var markedLines = MarkedLines(data, marker, expected);
            var actual = new List<(int, bool, bool)>();
            var splitter = new LineSplitter(data, marker, wide: width == 512);
            scoped ReadOnlySpan<ulong> batch;
            while (!(batch = splitter.NextLines()).IsEmpty)
            {
                foreach (var entry in batch)
                {
                    actual.Add(((int)(uint)entry, (entry & LineSplitter.SpecialLine) != 0, (entry & LineSplitter.MarkedLine) != 0));
                }
            }

            Assert.Equal(expected.Select(e => (e.End, e.Special)), actual.Select(a => (a.Item1, a.Item2)));

            // A line is marked exactly when one of the marker's marks falls in it, read byte by byte.
            var differs = markedLines.Zip(actual, (m, a) => m != a.Item3).ToList().IndexOf(true);
            if (differs >= 0)
            {
                Assert.Fail($"length {length}, {width}-bit steps: the line ending at {expected[differs].End} is {(actual[differs].Item3 ? "" : "not ")}marked, its marks say otherwise");
            }

            // A mark is a superset: every line holding a keyword is marked; and the rule itself, byte by byte: a line is
            // marked exactly when it holds the end of a keyword's last eight bytes (all of a shorter one), case-folded,
            // before a word's end.
            var tails = marker is null ? new KeywordTails([], WordEnd: false) : KeywordTails.Of(classifier);
            foreach (var (line, keyword) in expected.Zip(actual, (e, a) => (e, a.Item3)))
            {
                Assert.True(keyword || !line.HoldsKeyword, $"length {length}, {width}-bit steps: the line ending at {line.End} holds a keyword and is not marked");
                Assert.True(keyword == tails.Any(data, line.Start, line.End), $"length {length}, {width}-bit steps: the line ending at {line.End} is {(keyword ? "" : "not ")}marked, and holds {(keyword ? "no" : "a")} keyword's end");
            }
        }
    }

    [Fact]
    public void NextLines_BatchFullOnTheLastStep_StillGivesTheLastLineWithoutNewline()
    {
        // More lines than a batch holds, the last step partial and ending in a line with no newline: at every count of
        // blank lines before it, that line is given (a fuzzed input found it lost when the batch filled on that step).
        foreach (var blanks in Enumerable.Range(240, 130))
        {
            byte[] data = [.. Enumerable.Repeat((byte)'\n', blanks), .. "10:aper out\n0 10:15:02.9|"u8];
            var expected = Split(data, marker: null);
            var ends = new List<int>();
            var splitter = new LineSplitter(data);
            scoped ReadOnlySpan<ulong> batch;
            while (!(batch = splitter.NextLines()).IsEmpty)
            {
                foreach (var entry in batch)
                {
                    ends.Add((int)(uint)entry);
                }
            }

            Assert.Equal(expected.Select(e => e.End), ends);
        }
    }

    private static List<(int Start, int End, bool Special, bool HoldsKeyword)> Split(byte[] data, KeywordMarker? marker)
    {
        var classifier = new LogClassifier(DefaultClassificationRules.All);
        var lines = new List<(int, int, bool, bool)>();
        var start = 0;
        for (var i = 0; i <= data.Length; i++)
        {
            if (i == data.Length ? start < data.Length : data[i] == '\n')
            {
                var line = data.AsSpan(start, i - start);
                lines.Add((start, i, line.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0 || line.Contains((byte)0), marker is not null && classifier.FindKeywords(line) != 0));
                start = i + 1;
            }
        }

        return lines;
    }

    /// <summary>Per line, whether one of the marker's marks (its 64-byte steps, one by one) falls in it.</summary>
    private static List<bool> MarkedLines(byte[] data, KeywordMarker? marker, List<(int Start, int End, bool Special, bool HoldsKeyword)> lines)
    {
        var marks = new bool[data.Length];
        for (var at = 0; marker is not null && at < data.Length; at += 64)
        {
            var step = marker.Mark64(data, at);
            for (var i = 0; i < 64 && at + i < data.Length; i++)
            {
                marks[at + i] = (step & (1UL << i)) != 0;
            }
        }

        return [.. lines.Select(l => marks.AsSpan(l.Start, l.End - l.Start).Contains(true))];
    }

    /// <summary>No marker (0), and the marker's steps of each width this processor has.</summary>
    public static TheoryData<int> Widths => new([0, .. KeywordMarkerTests.AvailableWidths()]);
}
