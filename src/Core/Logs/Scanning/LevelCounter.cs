using PosFleet.Logs.Classification;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// Counts lines per level token and remembers what each token means, without a string per line: a file has a handful
/// of distinct tokens, so a short list searched from the last hit beats any dictionary.
/// </summary>
internal sealed class LevelCounter
{
    private readonly List<Entry> _entries = [];
    private int _last = -1;

    /// <summary>Finds (or adds) the token and returns its index.</summary>
    public int Find(ReadOnlySpan<byte> token)
    {
        if (_last >= 0 && token.SequenceEqual(_entries[_last].Token))
        {
            return _last;
        }

        for (var i = 0; i < _entries.Count; i++)
        {
            if (token.SequenceEqual(_entries[i].Token))
            {
                return _last = i;
            }
        }

        var (kind, severity) = LevelTable.Lookup8(token);
        _entries.Add(new Entry(token.ToArray(), kind, severity));
        return _last = _entries.Count - 1;
    }

    public Entry this[int index] => _entries[index];

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

    public sealed class Entry(byte[] token, LogKind kind, LogSeverity severity)
    {
        public byte[] Token { get; } = token;

        public LogKind Kind { get; } = kind;

        public LogSeverity Severity { get; } = severity;

        public long Count { get; set; }
    }
}
