using System.Numerics;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// How many distinct values (64-bit hashes) were added, in bounded memory: exact up to <see cref="ExactLimit"/>
/// values (a set of hashes), then a HyperLogLog estimate over 2^precision one-byte registers (standard error about
/// 1.04 / √2^precision: 0.8 % at precision 14, 1.6 % at 12). Once it is an estimate it stays one. Counters merge in
/// any order, so that the workers of a scan can count apart.
/// </summary>
internal sealed class DistinctCounter
{
    private readonly int _precision;
    private HashSet<ulong>? _exact = [];
    private byte[]? _registers;

    // Values known to differ from one another, added at once to a counter that held none (AddDistinct): kept as given,
    // shared by the counters merged from it and never changed, and made a set (_exact) only when more is added.
    private ulong[]? _listed;

    public DistinctCounter(int exactLimit, int precision)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exactLimit);
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, 18);
        ExactLimit = exactLimit;
        _precision = precision;
    }

    /// <summary>The most values counted exactly before the count becomes an estimate.</summary>
    public int ExactLimit { get; }

    /// <summary>Whether <see cref="Count"/> is exact (else a HyperLogLog estimate).</summary>
    public bool IsExact => _exact is not null;

    /// <summary>How many values it holds now: hashes while exact, registers once an estimate; never more than its bound.</summary>
    public int Footprint => _listed?.Length ?? _exact?.Count ?? _registers!.Length;

    /// <summary>The largest <see cref="Footprint"/> it can reach.</summary>
    public int Bound => Math.Max(ExactLimit + 1, 1 << _precision);

    public long Count => _listed?.Length ?? _exact?.Count ?? Estimate(_registers!);

    public void Add(ulong hash)
    {
        Unlist();
        if (_exact is not null)
        {
            if (_exact.Add(hash) && _exact.Count > ExactLimit)
            {
                ToSketch();
            }

            return;
        }

        Add(_registers!, hash, _precision);
    }

    /// <summary>Makes room for <paramref name="values"/> more values while exact, so that adding them grows the set at most once.</summary>
    public void EnsureCapacity(int values)
    {
        Unlist(values);
        _exact?.EnsureCapacity(Math.Min(ExactLimit + 1, _exact.Count + values));
    }

    /// <summary>
    /// Adds <paramref name="values"/>, which must differ from one another (a scan's numbered terminals: each number a
    /// different hash). To a counter that holds none yet, within <see cref="ExactLimit"/>, they are added as the array
    /// itself, kept and never changed (the caller leaves it alone afterwards): no set is made for them unless more values
    /// are added (a scan's end hands every template its terminals this way).
    /// </summary>
    public void AddDistinct(ulong[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (_exact is { Count: 0 } && _listed is null && values.Length <= ExactLimit)
        {
            _listed = values;
            return;
        }

        EnsureCapacity(values.Length);
        foreach (var value in values)
        {
            Add(value);
        }
    }

    public void Merge(DistinctCounter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            // A set's union with itself.
            return;
        }

        if (other._listed is not null)
        {
            if (_exact is { Count: 0 } && _listed is null && other._listed.Length <= ExactLimit)
            {
                _listed = other._listed;
                return;
            }

            EnsureCapacity(other._listed.Length);
            foreach (var hash in other._listed)
            {
                Add(hash);
            }

            return;
        }

        if (other._exact is not null)
        {
            // Made a set here, if listed, sized for both at once.
            EnsureCapacity(other._exact.Count);
            foreach (var hash in other._exact)
            {
                Add(hash);
            }

            return;
        }

        if (_exact is not null)
        {
            ToSketch();
        }

        var mine = _registers!;
        var theirs = other._registers!;
        if (theirs.Length != mine.Length)
        {
            throw new InvalidOperationException("Distinct counters of different precisions cannot be merged.");
        }

        for (var i = 0; i < mine.Length; i++)
        {
            mine[i] = Math.Max(mine[i], theirs[i]);
        }
    }

    /// <summary>The values of <see cref="AddDistinct"/>, made a set before anything else is added: sized once, for <paramref name="more"/> values to come as well.</summary>
    private void Unlist(int more = 0)
    {
        if (_listed is not null)
        {
            _exact!.EnsureCapacity(Math.Min(ExactLimit + 1, _listed.Length + Math.Max(more, 0)));
            _exact.UnionWith(_listed);
            _listed = null;
        }
    }

    private void ToSketch()
    {
        // Listed values go to the registers as they are: no set is made for them to be dropped at once.
        _registers = new byte[1 << _precision];
        foreach (var hash in _listed ?? [])
        {
            Add(_registers, hash, _precision);
        }

        foreach (var hash in _exact!)
        {
            Add(_registers, hash, _precision);
        }

        (_exact, _listed) = (null, null);
    }

    private static void Add(byte[] registers, ulong hash, int precision)
    {
        var index = (int)(hash >> (64 - precision));

        // The rank of the first 1 bit after the index bits; a sentinel bit bounds it when they are all zero.
        var rest = (hash << precision) | (1UL << (precision - 1));
        var rank = (byte)(BitOperations.LeadingZeroCount(rest) + 1);
        if (rank > registers[index])
        {
            registers[index] = rank;
        }
    }

    private static long Estimate(byte[] registers)
    {
        double m = registers.Length;
        var sum = 0.0;
        var zeros = 0;
        foreach (var r in registers)
        {
            sum += Math.ScaleB(1.0, -r);
            zeros += r == 0 ? 1 : 0;
        }

        var estimate = 0.7213 / (1 + (1.079 / m)) * m * m / sum;

        // Small cardinalities: linear counting over the empty registers is the better estimate.
        if (estimate <= 2.5 * m && zeros > 0)
        {
            estimate = m * Math.Log(m / zeros);
        }

        return (long)Math.Round(estimate);
    }
}
