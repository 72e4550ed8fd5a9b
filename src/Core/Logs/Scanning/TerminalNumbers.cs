namespace PosFleet.Logs.Scanning;

/// <summary>
/// One scanner's terminals, numbered in the order they came in (the first <see cref="Limit"/>; later ones have none),
/// so that a template counts a terminal's lines in an array rather than a dictionary (<see cref="TemplateAggregate"/>).
/// A terminal keeps its number for the whole scan, even when the scan's own terminal summary evicts and re-adds it. When
/// the workers' parts are added up, the terminals of another worker's numbers are numbered here too, after this scanner's
/// own (<see cref="MapFrom"/>).
/// </summary>
internal sealed class TerminalNumbers
{
    /// <summary>How many terminals get a number: a template's counters by number take at most 4 KB.</summary>
    public const int Limit = 1_024;

    private readonly Dictionary<ulong, int> _numbers = [];
    private readonly List<(ulong Hash, string Name)> _terminals = [];

    // The last map made by MapFrom, and whose numbers it maps.
    private TerminalNumbers? _mapFrom;
    private int[] _map = [];

    /// <summary>How many terminals have a number.</summary>
    public int Count => _terminals.Count;

    /// <summary>The number of the terminal whose name hashes to <paramref name="hash"/>, given it if new and numbers are left; -1 otherwise.</summary>
    public int NumberOf(ulong hash, string name)
    {
        if (_numbers.TryGetValue(hash, out var number))
        {
            return number;
        }

        if (_terminals.Count >= Limit)
        {
            return -1;
        }

        number = _terminals.Count;
        _numbers.Add(hash, number);
        _terminals.Add((hash, name));
        return number;
    }

    /// <summary>
    /// The numbers here of the terminals numbered by <paramref name="other"/> (another worker's), by their number there,
    /// each given a number here if new and numbers are left; -1 for those left without. Kept for the next call with the
    /// same numbers while they number no more terminals: a merge asks once per template.
    /// </summary>
    public int[] MapFrom(TerminalNumbers other)
    {
        if (_mapFrom != other || _map.Length != other.Count)
        {
            var map = new int[other.Count];
            for (var number = 0; number < map.Length; number++)
            {
                var (hash, name) = other._terminals[number];
                map[number] = NumberOf(hash, name);
            }

            (_mapFrom, _map) = (other, map);
        }

        return _map;
    }

    public ulong HashOf(int number) => _terminals[number].Hash;

    public string NameOf(int number) => _terminals[number].Name;

    /// <summary>
    /// The name of the numbered terminal whose name hashes to <paramref name="hash"/>: a hash <see cref="HashOf"/> gave (a
    /// terminal without a number is not here, and throws).
    /// </summary>
    public string NameOfHash(ulong hash) => _terminals[_numbers[hash]].Name;
}
