using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PosFleet.Logs.Classification;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// Counts lines per level token and remembers what each token means, without a string per line: a file has a handful
/// of distinct tokens, so a short array, and the last hit per first letter, beat any dictionary.
/// </summary>
internal sealed class LevelCounter
{
    private const int ByFirst = 32;

    private readonly Entry?[] _byFirst = new Entry?[ByFirst];
    private Entry[] _entries = [];

    /// <summary>Finds (or adds) the token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Entry Find(ReadOnlySpan<byte> token)
    {
        // Tokens of 4 to 8 bytes (nearly all) compare as one number: their first and last four bytes, and the length. The
        // token last seen with the same first byte, most often the same token, is tried in place: a file's levels nearly
        // always differ in their first letter, so lines of different levels in turn need no search.
        var recent = _byFirst[Slot(token)];
        return recent is not null && recent.Token.Length == token.Length
            && (token.Length is >= 4 and <= 8 ? Key(token) == recent.Key : token.SequenceEqual(recent.Token))
            ? recent
            : Search(token);
    }

    /// <summary>
    /// The level of a line of the POS format whose token starts at <paramref name="head"/>'s first byte, when it is the
    /// token <see cref="Find"/> last found among those whose first byte has the same five low bits (a token of one to
    /// seven bytes, none a <c>]</c>) and ends with the <c>]</c> after it; <see langword="null"/> otherwise (then
    /// <see cref="Find"/> decides).
    /// The caller checks, for a token shorter than five bytes, that no <c>]</c> is five bytes after its start, where the
    /// token reader takes it first.
    /// </summary>
    /// <param name="head">The eight bytes from the token's start, as the machine reads them (little-endian: the caller
    /// runs only on little-endian processors with vectors, x64 and arm64).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Entry? FindClosed(ulong head)
    {
        var recent = _byFirst[(int)head & (ByFirst - 1)];
        return recent is not null && (head & recent.ClosedMask) == recent.ClosedBytes ? recent : null;
    }

    private Entry Search(ReadOnlySpan<byte> token)
    {
        var key = Key(token);

        foreach (var e in _entries)
        {
            if (key == e.Key && token.Length == e.Token.Length && (key != 0 || token.SequenceEqual(e.Token)))
            {
                return Remember(e);
            }
        }

        var (kind, severity) = LevelTable.Lookup8(token);
        var added = new Entry(token.ToArray(), kind, severity);
        _entries = [.. _entries, added];
        return Remember(added);
    }

    private Entry Remember(Entry e)
    {
        _byFirst[Slot(e.Token)] = e;
        return e;
    }

    /// <summary>Where the last token seen with this first byte is kept (an empty token, in a layout with no level, too).</summary>
    private static int Slot(ReadOnlySpan<byte> token) => token.IsEmpty ? 0 : token[0] & (ByFirst - 1);

    /// <summary>
    /// Adds the counts to <paramref name="aggregate"/>'s levels, and the lines told by their level alone (<see cref="Entry.Told"/>)
    /// to its kinds and severities as well; then starts counting from zero again.
    /// </summary>
    public void MoveCountsTo(ScanAggregate aggregate)
    {
        foreach (var e in _entries)
        {
            if (e.Count + e.Told > 0)
            {
                var name = System.Text.Encoding.UTF8.GetString(e.Token);
                aggregate.Levels[name] = aggregate.Levels.GetValueOrDefault(name) + e.Count + e.Told;
                aggregate.Kinds[(int)e.Kind] += e.Told;
                aggregate.Severities[(int)e.Severity] += e.Told;
                (e.Count, e.Told) = (0, 0);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(ReadOnlySpan<byte> token)
    {
        if (token.Length is < 4 or > 8)
        {
            return 0;
        }

        var first = MemoryMarshal.Read<uint>(token);
        var last = MemoryMarshal.Read<uint>(token[^4..]);
        return ((ulong)last << 32) | first;
    }

    private static bool Closes(ReadOnlySpan<byte> token) => token.Length is > 0 and < 8 && !token.Contains((byte)']');

    private static ulong ClosedOf(ReadOnlySpan<byte> token)
    {
        var closed = (ulong)']' << (8 * token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            closed |= (ulong)token[i] << (8 * i);
        }

        return closed;
    }

    public sealed class Entry(byte[] token, LogKind kind, LogSeverity severity)
    {
        public byte[] Token { get; } = token;

        public ulong Key { get; } = Key(token);

        /// <summary>
        /// The token and the <c>]</c> after it, as read little-endian (<see cref="FindClosed"/>); never matched where they
        /// take more than eight bytes or the token holds a <c>]</c>.
        /// </summary>
        public ulong ClosedBytes { get; } = Closes(token) ? ClosedOf(token) : ulong.MaxValue;

        /// <summary>The bytes of <see cref="ClosedBytes"/>: the token's and its <c>]</c>, two to eight.</summary>
        public ulong ClosedMask { get; } = Closes(token) ? ulong.MaxValue >> (8 * (7 - token.Length)) : 0;

        public LogKind Kind { get; } = kind;

        public LogSeverity Severity { get; } = severity;

        /// <summary>Lines of this level classified apart (their kind and severity counted where they were classified).</summary>
        public long Count { get; set; }

        /// <summary>
        /// Lines of this level told by the level alone: their kind and severity are the level's, added with the level's
        /// count by <see cref="MoveCountsTo"/>, so that such a line costs one increment.
        /// </summary>
        public long Told { get; set; }
    }
}
