using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PosFleet.Logs.Classification;

/// <summary>The marker's tables, built once from the spellings: the windows, their tails by slot, the nibble tables.</summary>
internal sealed partial class KeywordMarker
{
    private KeywordMarker(byte[][] variants, int width)
    {
        _wide = width >= 512 && Avx512BW.IsSupported && Vector512.IsHardwareAccelerated;
        // Loops and arrays rather than queries: a query over a value type is generic code that the framework does not ship
        // compiled, and that the JIT build compiles on every start. The windows: each spelling's last four bytes folded,
        // distinct, in order.
        var folded = new uint[variants.Length];
        for (var v = 0; v < variants.Length; v++)
        {
            folded[v] = BitConverter.ToUInt32(variants[v], variants[v].Length - Window) | 0x20202020u;
        }

        Array.Sort(folded);
        var distinct = 0;
        for (var v = 0; v < folded.Length; v++)
        {
            if (v == 0 || folded[v] != folded[v - 1])
            {
                folded[distinct++] = folded[v];
            }
        }

        var windows = new uint[distinct];
        Array.Copy(folded, windows, distinct);
        foreach (var w in windows)
        {
            var slot = NibbleTables.Slot(w);
            _exact[slot >> 6] |= 1UL << (slot & 63);
        }

        // The tails, grouped by the slot of their window in the order given, then each slot's repeats dropped (equal tails
        // share a slot): the cost is linear in the spellings, and quadratic only in the tails of one slot, which are the
        // tails of spellings that end alike.
        var slotStart = new int[ExactBits + 1];
        foreach (var variant in variants)
        {
            slotStart[NibbleTables.Slot((uint)(TailOf(variant).Value >> 32)) + 1]++;
        }

        for (var slot = 0; slot < ExactBits; slot++)
        {
            slotStart[slot + 1] += slotStart[slot];
        }

        var tails = new (ulong Value, ulong Mask)[variants.Length];
        var next = new int[ExactBits];
        Array.Copy(slotStart, next, ExactBits);
        foreach (var variant in variants)
        {
            var tail = TailOf(variant);
            tails[next[NibbleTables.Slot((uint)(tail.Value >> 32))]++] = tail;
        }

        var kept = 0;
        for (var slot = 0; slot < ExactBits; slot++)
        {
            _tailStart[slot] = kept;
            for (var t = slotStart[slot]; t < slotStart[slot + 1]; t++)
            {
                var seen = false;
                for (var u = _tailStart[slot]; u < kept && !seen; u++)
                {
                    seen = tails[u].Value == tails[t].Value && tails[u].Mask == tails[t].Mask;
                }

                if (!seen)
                {
                    tails[kept++] = tails[t];
                }
            }
        }

        _tailStart[ExactBits] = kept;
        _tails = new (ulong Value, ulong Mask)[kept];
        Array.Copy(tails, _tails, kept);

        _wordEnd = true;
        foreach (var variant in variants)
        {
            _wordEnd &= WholeWord.IsWordByte(variant[^1]);
        }

        _ascii = true;
        foreach (var window in windows)
        {
            _ascii &= (window & 0x80808080u) == 0;
        }

        // Windows that share nibbles share a bucket, so that a bucket's tables admit few four-byte sequences besides its own.
        var bucketOf = KeywordBuckets.Assign(windows);
        var tables = new byte[Window * 2][];
        for (var t = 0; t < tables.Length; t++)
        {
            tables[t] = new byte[32];
        }

        for (var i = 0; i < windows.Length; i++)
        {
            var bit = (byte)(1 << bucketOf[i]);
            for (var j = 0; j < Window; j++)
            {
                NibbleTables.Add(tables[2 * j], tables[(2 * j) + 1], (byte)(windows[i] >> (8 * j)), bit);
            }
        }

        for (var t = 0; t < tables.Length; t++)
        {
            // Looked up by the bytes as read (NibbleTables.LookupAsRead): no case folding per step.
            _tables[t] = Vector256.Create(t % 2 == 0 ? tables[t] : NibbleTables.HighAsRead(tables[t]));
        }

        if (width < 256 || !Shuffles256)
        {
            _tables128 = new Vector128<byte>[_tables.Length + 2];
            for (var t = 0; t < _tables.Length; t++)
            {
                _tables128[t] = _tables[t].GetLower();
            }

            _tables128[^2] = WordClassLow.GetLower();
            _tables128[^1] = WordClassHigh.GetLower();
        }

        if (_wide)
        {
            _tables512 = new Vector512<byte>[_tables.Length + 2];
            for (var t = 0; t < _tables.Length; t++)
            {
                _tables512[t] = Vector512.Create(_tables[t], _tables[t]);
            }

            _tables512[^2] = Vector512.Create(WordClassLow, WordClassLow);
            _tables512[^1] = Vector512.Create(WordClassHigh, WordClassHigh);
        }
    }
}
