namespace PosFleet.Logs.Scanning;

/// <summary>
/// Where an order or ticket reference (<c>ref=T-1042</c>) ends, defined once for scan, ingest and search: at the first
/// byte that is neither a letter, a digit, non-ASCII, nor one of <c>- _ . / #</c>, and without a trailing full stop,
/// so that <c>ref=T-842322: paper out</c> and <c>(ref=T-842322).</c> both give <c>T-842322</c>.
/// </summary>
internal static class ReferenceToken
{
    /// <summary>The reference at the start of <paramref name="value"/> (what follows <c>ref=</c>).</summary>
    public static ReadOnlySpan<byte> Read(ReadOnlySpan<byte> value)
    {
        var length = 0;
        while (length < value.Length && IsPart(value[length]))
        {
            length++;
        }

        while (length > 0 && value[length - 1] == (byte)'.')
        {
            length--;
        }

        return value[..length];
    }

    /// <summary>The same rule on a reference a user typed (<c>search --ref</c>, a scan filter): surrounding blanks and a trailing punctuation mark go.</summary>
    public static string Normalize(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var bytes = System.Text.Encoding.UTF8.GetBytes(reference.Trim());
        return System.Text.Encoding.UTF8.GetString(Read(bytes));
    }

    public static bool IsPart(byte b) =>
        b >= 0x80 || char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'/' or (byte)'#';
}
