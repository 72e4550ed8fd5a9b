namespace PosFleet.Logs.Classification;

/// <summary>
/// The literal prefilter: for each keyword spelling, the next place it occurs in the block, found with one vectorized
/// search that skips everything in between. Asking "which keywords are in this line?" costs a few comparisons per
/// line; the searches together cost about one pass over the block per spelling.
/// </summary>
internal struct KeywordHits
{
    private readonly byte[][] _variants;
    private readonly int[] _keywordOfVariant;
    private readonly int[] _next;

    public KeywordHits(LogClassifier classifier)
    {
        _variants = classifier.KeywordVariants;
        _keywordOfVariant = classifier.KeywordOfVariant;
        _next = new int[_variants.Length];
    }

    /// <summary>Starts over on a new block.</summary>
    public readonly void Reset() => Array.Fill(_next, -1);

    /// <summary>The keywords (as a bit mask) that occur in <c>block[start..end)</c>; lines must be asked in order.</summary>
    public readonly ulong Find(ReadOnlySpan<byte> block, int start, int end)
    {
        ulong mask = 0;
        var next = _next;
        for (var v = 0; v < next.Length; v++)
        {
            var at = next[v];
            if (at < start)
            {
                var found = block[start..].IndexOf(_variants[v]);
                at = found < 0 ? int.MaxValue : start + found;
                next[v] = at;
            }

            if (at != int.MaxValue && at + _variants[v].Length <= end)
            {
                mask |= 1UL << _keywordOfVariant[v];
            }
        }

        return mask;
    }
}
