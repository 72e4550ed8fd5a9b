using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PosFleet.Logs.Classification;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// Counts lines per level token and remembers what each token means, without a string per line: a file has a handful
/// of distinct tokens, so a short array searched from the last hit beats any dictionary.
/// </summary>
internal sealed class LevelCounter
{
    private Entry[] _entries = [];
    private Entry? _last;

    /// <summary>Finds (or adds) the token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Entry Find(ReadOnlySpan<byte> token)
    {
        // Tokens of 4 to 8 bytes (nearly all) compare as one number: their first and last four bytes, and the length. The
        // level of the line before, most often the same, is tried in place.
        var last = _last;
        return last is not null && token.Length == last.Token.Length
            && (token.Length is >= 4 and <= 8 ? Key(token) == last.Key : token.SequenceEqual(last.Token))
            ? last
            : Search(token);
    }

    private Entry Search(ReadOnlySpan<byte> token)
    {
        var key = Key(token);

        foreach (var e in _entries)
        {
            if (key == e.Key && token.Length == e.Token.Length && (key != 0 || token.SequenceEqual(e.Token)))
            {
                return _last = e;
            }
        }

        var (kind, severity) = LevelTable.Lookup8(token);
        var added = new Entry(token.ToArray(), kind, severity);
        _entries = [.. _entries, added];
        return _last = added;
    }

    /// <summary>Adds the counts to <paramref name="levels"/> and starts counting from zero again.</summary>
    public void MoveCountsTo(Dictionary<string, long> levels)
    {
        foreach (var e in _entries)
        {
            if (e.Count > 0)
            {
                var name = System.Text.Encoding.UTF8.GetString(e.Token);
                levels[name] = levels.GetValueOrDefault(name) + e.Count;
                e.Count = 0;
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

    public sealed class Entry(byte[] token, LogKind kind, LogSeverity severity)
    {
        public byte[] Token { get; } = token;

        public ulong Key { get; } = Key(token);

        public LogKind Kind { get; } = kind;

        public LogSeverity Severity { get; } = severity;

        public long Count { get; set; }
    }
}
