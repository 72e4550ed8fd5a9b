using PosFleet.Logs.Classification;

namespace PosFleet.Tests.Logs.Classification;

/// <summary>
/// The keyword marker's rule, byte by byte, for tests to hold its marks to: a place is marked when the bytes ending there,
/// case-folded (bit 5 set; zeros before the data, which fold to a blank), end with one of the spellings' last
/// <see cref="KeywordMarker.Tail"/> bytes (all of a shorter one) and, when every spelling ends in a word byte, the byte
/// after it does not. Written apart from the marker (no vectors, masks or slots): what the tests hold the marker to is
/// every keyword marked, in the tests that use this; this says which other places it marks.
/// </summary>
internal sealed record KeywordTails(byte[][] Folded, bool WordEnd)
{
    public static KeywordTails Of(LogClassifier classifier) => new(
        [.. classifier.KeywordVariants.Select(v => v.AsSpan(Math.Max(0, v.Length - KeywordMarker.Tail)).ToArray().Select(b => (byte)(b | 0x20)).ToArray())],
        classifier.KeywordVariants.All(v => WholeWord.IsWordByte(v[^1])));

    /// <summary>Whether the rule marks <c>data[i]</c>.</summary>
    public bool Marks(byte[] data, int i) =>
        (!WordEnd || i + 1 >= data.Length || !WholeWord.IsWordByte(data[i + 1])) && Folded.Any(t => Ends(data, i, t));

    /// <summary>Whether the rule marks a place in <c>data[start..end)</c>.</summary>
    public bool Any(byte[] data, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (Marks(data, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Ends(byte[] data, int i, byte[] tail)
    {
        for (var j = 0; j < tail.Length; j++)
        {
            var at = i - tail.Length + 1 + j;
            if (((at >= 0 ? data[at] : 0) | 0x20) != tail[j])
            {
                return false;
            }
        }

        return true;
    }
}
