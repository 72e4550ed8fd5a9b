namespace PosFleet.Logs.Classification;

/// <summary>
/// The automaton built from the spellings: byte classes, the trie, its breadth-first numbering, failure links and rows.
/// </summary>
internal sealed partial class KeywordAutomaton
{
    public KeywordAutomaton(byte[][] variants, int[] keywordOfVariant, int denseBudget = DenseBudget)
    {
        _variants = variants;
        _keywordOfVariant = keywordOfVariant;

        // Byte classes: every folded byte that some spelling uses is its own class, every other byte is class 0.
        var classes = 1;
        foreach (var v in variants)
        {
            foreach (var b in v)
            {
                var f = Fold(b);
                if (_classOf[f] == 0)
                {
                    _classOf[f] = (byte)classes++;
                }
            }
        }

        for (var b = 'A'; b <= 'Z'; b++)
        {
            _classOf[b] = _classOf[b | 0x20];
        }

        _classes = classes;

        // The trie, in insertion order, with its edges in a dictionary while it is built: keyed by state and class as one
        // number, and the children below in arrays, rather than in collections of tuples, whose code the JIT build compiles
        // on every start.
        var edges = new Dictionary<long, int>();
        var depth = new List<int> { 0 };
        var ends = new List<List<int>?> { null };
        for (var v = 0; v < variants.Length; v++)
        {
            var s = 0;
            foreach (var b in variants[v])
            {
                var c = _classOf[b];
                if (!edges.TryGetValue(Edge(s, c), out var next))
                {
                    next = depth.Count;
                    depth.Add(depth[s] + 1);
                    ends.Add(null);
                    edges.Add(Edge(s, c), next);
                }

                s = next;
            }

            (ends[s] ??= []).Add(v);
        }

        // Renumber breadth first, so that a state's failure target (shallower) has a smaller number, and the states
        // given a full row (the first ones) are those a scan spends its time in.
        var count = depth.Count;
        // Each state's children, those of state s at [childStart[s], childStart[s + 1]), in class order.
        var childStart = new int[count + 1];
        foreach (var edge in edges.Keys)
        {
            childStart[(int)(edge >> 8) + 1]++;
        }

        for (var s = 0; s < count; s++)
        {
            childStart[s + 1] += childStart[s];
        }

        var childClass = new byte[edges.Count];
        var childTarget = new int[edges.Count];
        var placed = new int[count];
        foreach (var (edge, target) in edges)
        {
            var state = (int)(edge >> 8);
            var at = childStart[state] + placed[state]++;
            childClass[at] = (byte)edge;
            childTarget[at] = target;
        }

        for (var s = 0; s < count; s++)
        {
            SortByClass(childClass, childTarget, childStart[s], childStart[s + 1]);
        }

        var order = new int[count];
        var number = new int[count];
        var head = 0;
        var tail = 1;
        while (head < tail)
        {
            var s = order[head++];
            number[s] = head - 1;
            for (var e = childStart[s]; e < childStart[s + 1]; e++)
            {
                order[tail++] = childTarget[e];
            }
        }

        _dense = (int)Math.Min(count, Math.Max(1L, denseBudget / classes));
        _delta = new int[_dense * classes];
        _fail = new int[count];
        _edgeStart = new int[count + 1];
        var edgeClass = new List<byte>();
        var edgeTarget = new List<int>();
        var outputStart = new int[count + 1];
        var outputs = new List<int>();
        var outputsOf = new List<int>[count];
        for (var n = 0; n < count; n++)
        {
            var s = order[n];
            _edgeStart[n] = edgeClass.Count;
            for (var e = childStart[s]; e < childStart[s + 1]; e++)
            {
                edgeClass.Add(childClass[e]);
                edgeTarget.Add(number[childTarget[e]]);
            }
        }

        _edgeStart[count] = edgeClass.Count;
        _edgeClass = [.. edgeClass];
        _edgeTarget = [.. edgeTarget];

        // Failure links and full rows, breadth first: a state's row is its own edges over its failure target's row.
        for (var n = 0; n < count; n++)
        {
            var own = ends[order[n]] ?? [];
            outputsOf[n] = n == 0 ? [] : [.. own, .. outputsOf[_fail[n]]];
            if (n < _dense)
            {
                var row = n * classes;
                if (n != 0)
                {
                    Array.Copy(_delta, _fail[n] * classes, _delta, row, classes);
                }

                for (var e = _edgeStart[n]; e < _edgeStart[n + 1]; e++)
                {
                    _delta[row + _edgeClass[e]] = _edgeTarget[e];
                }
            }

            for (var e = _edgeStart[n]; e < _edgeStart[n + 1]; e++)
            {
                var child = _edgeTarget[e];
                _fail[child] = n == 0 ? 0 : Step(_fail[n], _edgeClass[e]);
            }
        }

        for (var n = 0; n < count; n++)
        {
            outputStart[n] = outputs.Count;
            outputs.AddRange(outputsOf[n]);
        }

        outputStart[count] = outputs.Count;
        _outputStart = outputStart;
        _outputs = [.. outputs];

        // When every state has a full row (the usual case), the scan reads a second table in which an entry is the
        // next state's row offset, negative when that state ends a spelling: one load and one sign test per byte.
        if (_dense == count)
        {
            _rows = new int[_delta.Length];
            for (var e = 0; e < _delta.Length; e++)
            {
                var next = _delta[e];
                _rows[e] = (next * classes) | (outputStart[next] != outputStart[next + 1] ? int.MinValue : 0);
            }

            _delta = [];
        }
    }

    /// <summary>The key of the edge from <paramref name="state"/> on byte class <paramref name="c"/>.</summary>
    private static long Edge(int state, byte c) => ((long)state << 8) | c;

    /// <summary>Sorts one state's children, <c>[from, to)</c>, by class (a few each: insertion sort).</summary>
    private static void SortByClass(byte[] classes, int[] targets, int from, int to)
    {
        for (var i = from + 1; i < to; i++)
        {
            var (c, t) = (classes[i], targets[i]);
            var j = i - 1;
            for (; j >= from && classes[j] > c; j--)
            {
                classes[j + 1] = classes[j];
                targets[j + 1] = targets[j];
            }

            classes[j + 1] = c;
            targets[j + 1] = t;
        }
    }
}
