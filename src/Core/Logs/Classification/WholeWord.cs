using System.Runtime.CompilerServices;

namespace PosFleet.Logs.Classification;

/// <summary>
/// Whether a match stands as a word of its own: a keyword or level word found inside a longer word (<c>liberror-perl</c>,
/// <c>libgpg-error-dev</c>, <c>timeouts_total</c>) is not that word. Word bytes are ASCII letters and digits, <c>_</c>,
/// <c>-</c> (names of packages, hosts and identifiers are joined by it) and every byte of a non-ASCII character.
/// </summary>
internal static class WholeWord
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWordByte(byte b) =>
        (uint)((b | 0x20) - 'a') <= 'z' - 'a' || (uint)(b - '0') <= 9 || b == '_' || b == '-' || b >= 0x80;

    /// <summary>
    /// Whether <c>text[start..end)</c>, a match of <paramref name="word"/>, is bounded: an end of the match that is a word
    /// byte must not touch another word byte. A keyword that begins or ends with a blank or a sign is bounded there by itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBounded(ReadOnlySpan<byte> text, int start, int end, ReadOnlySpan<byte> word) =>
        (start == 0 || !IsWordByte(word[0]) || !IsWordByte(text[start - 1]))
        && (end >= text.Length || !IsWordByte(word[^1]) || !IsWordByte(text[end]));
}
