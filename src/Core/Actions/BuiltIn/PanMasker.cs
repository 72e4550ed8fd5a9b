namespace PosFleet.Actions.BuiltIn;

/// <summary>
/// Masks payment card numbers (PANs) in a line before it leaves the terminal: any 13 to 19 digits, written together or
/// in groups split by single spaces or dashes, that pass the Luhn check, have every digit but the last four replaced
/// by <c>*</c>. Windows start and end at group boundaries, so a PAN after another number ("qty 2 4111 1111 …") is
/// found too; a number that merely passes the check is masked as well, which errs on the safe side.
/// </summary>
internal static class PanMasker
{
    private const int MinDigits = 13;
    private const int MaxDigits = 19;

    /// <summary>Masks the PANs of <paramref name="line"/> in place.</summary>
    /// <returns>How many PANs were masked.</returns>
    public static int Mask(Span<char> line)
    {
        var masked = 0;
        Span<int> groupStart = stackalloc int[64];
        Span<int> groupDigits = stackalloc int[64];
        var i = 0;
        while (i < line.Length)
        {
            if (!char.IsAsciiDigit(line[i]))
            {
                i++;
                continue;
            }

            // A run of digit groups separated by one space or dash.
            var groups = 0;
            var j = i;
            while (true)
            {
                var start = j;
                while (j < line.Length && char.IsAsciiDigit(line[j]))
                {
                    j++;
                }

                if (groups < groupStart.Length)
                {
                    groupStart[groups] = start;
                    groupDigits[groups] = j - start;
                    groups++;
                }

                if (j + 1 < line.Length && (line[j] == ' ' || line[j] == '-') && char.IsAsciiDigit(line[j + 1]))
                {
                    j++;
                    continue;
                }

                break;
            }

            // From each group, the longest window that passes (so a PAN keeps its own last four); then on after it.
            for (var g = 0; g < groups; g++)
            {
                int digits = 0, last = g - 1;
                while (last + 1 < groups && digits + groupDigits[last + 1] <= MaxDigits)
                {
                    last++;
                    digits += groupDigits[last];
                }

                for (var h = last; h >= g && digits >= MinDigits; h--)
                {
                    if (Luhn(line, groupStart, groupDigits, g, h))
                    {
                        MaskWindow(line, groupStart, groupDigits, g, h, digits);
                        masked++;
                        g = h;
                        break;
                    }

                    digits -= groupDigits[h];
                }
            }

            i = j;
        }

        return masked;
    }

    private static bool Luhn(ReadOnlySpan<char> line, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, int first, int last)
    {
        var sum = 0;
        var odd = false;
        for (var g = last; g >= first; g--)
        {
            for (var k = starts[g] + lengths[g] - 1; k >= starts[g]; k--)
            {
                var d = line[k] - '0';
                if (d is < 0 or > 9)
                {
                    // Already masked by an overlapping window.
                    return false;
                }

                if (odd)
                {
                    d *= 2;
                    if (d > 9)
                    {
                        d -= 9;
                    }
                }

                sum += d;
                odd = !odd;
            }
        }

        return sum % 10 == 0;
    }

    private static void MaskWindow(Span<char> line, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, int first, int last, int digits)
    {
        var toMask = digits - 4;
        for (var g = first; g <= last && toMask > 0; g++)
        {
            for (var k = starts[g]; k < starts[g] + lengths[g] && toMask > 0; k++)
            {
                line[k] = '*';
                toMask--;
            }
        }
    }
}
