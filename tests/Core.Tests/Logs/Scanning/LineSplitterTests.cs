using PosFleet.Logs.Classification;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

/// <summary>
/// The line splitter's batches against a byte-by-byte split: every line's end and its flags (a NUL or non-ASCII byte,
/// a keyword mark), whatever the lengths of the lines and of the data, across 64-byte steps and across batches.
/// </summary>
public sealed class LineSplitterTests
{
    [Fact]
    public void NextLines_AnyLinesAndLengths_GiveWhatAByteByByteSplitGives()
    {
        var random = new Random(3);
        var marker = new LogClassifier(DefaultClassificationRules.All).Marker;
        foreach (var length in Enumerable.Range(0, 300).Concat([4095, 4096, 4097, 65_535, 65_536, 65_537]))
        {
            // Short lines (more than a batch holds: many per 64-byte step) and long ones, a few special bytes and keywords.
            var data = new byte[length];
            for (var i = 0; i < length; i++)
            {
                data[i] = random.Next(length > 4096 ? 90 : 12) switch
                {
                    0 => (byte)'\n',
                    1 when random.Next(20) == 0 => (byte)(random.Next(2) == 0 ? 0 : 0xC3),
                    _ => (byte)random.Next('a', 'z' + 1),
                };
            }

            if (length > 40 && random.Next(2) == 0)
            {
                "printer offline\n"u8.CopyTo(data.AsSpan(length / 3));
            }

            var expected = Split(data, marker);
            var actual = new List<(int, bool, bool)>();
            var splitter = new LineSplitter(data, marker);
            scoped ReadOnlySpan<ulong> batch;
            while (!(batch = splitter.NextLines()).IsEmpty)
            {
                foreach (var entry in batch)
                {
                    actual.Add(((int)(uint)entry, (entry & LineSplitter.SpecialLine) != 0, (entry & LineSplitter.MarkedLine) != 0));
                }
            }

            Assert.Equal(expected.Select(e => (e.End, e.Special)), actual.Select(a => (a.Item1, a.Item2)));

            // A mark is a superset: every line holding a keyword is marked.
            foreach (var (line, keyword) in expected.Zip(actual, (e, a) => (e, a.Item3)))
            {
                Assert.True(keyword || !line.HoldsKeyword, $"length {length}: the line ending at {line.End} holds a keyword and is not marked");
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

    private static List<(int End, bool Special, bool HoldsKeyword)> Split(byte[] data, KeywordMarker? marker)
    {
        var classifier = new LogClassifier(DefaultClassificationRules.All);
        var lines = new List<(int, bool, bool)>();
        var start = 0;
        for (var i = 0; i <= data.Length; i++)
        {
            if (i == data.Length ? start < data.Length : data[i] == '\n')
            {
                var line = data.AsSpan(start, i - start);
                lines.Add((i, line.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0 || line.Contains((byte)0), marker is not null && classifier.FindKeywords(line) != 0));
                start = i + 1;
            }
        }

        return lines;
    }
}
