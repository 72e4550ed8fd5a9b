namespace PosFleet.Logs.Templates;

/// <summary>
/// The second, optional grouping stage, run over the distinct templates a scan found (never per line): templates
/// with the same number of words that differ in one position only, where at least <see cref="MinDistinctValues"/>
/// different words occur, merge into one template with <c>&lt;*&gt;</c> there ("session closed for user alice",
/// "… bob", "… carol" → "session closed for user &lt;*&gt;"). This catches variables that hold no digit (user
/// names, host names without dots), which token folding cannot see.
/// </summary>
/// <remarks>
/// The result depends only on the set of templates, not on their order, and a merged template's id is the hash of its
/// bytes like any other (<see cref="MessageTemplater.IdOf"/>), so it is stable for the same input. A merge needs
/// the other words to be mostly literal (at least two, and at least half of them), so that short, mostly variable
/// templates do not swallow each other. Positions merge one at a time, repeatedly, until nothing changes.
/// </remarks>
internal static class TemplateMerger
{
    public const int MinDistinctValues = 3;
    private const int MinLiteralWords = 2;
    private const string Wildcard = "<*>";

    /// <summary>Maps each template to the template it merges into (itself when it merges into none).</summary>
    public static IReadOnlyDictionary<string, string> Merge(IEnumerable<string> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in templates)
        {
            map[t] = t;
        }

        var current = new SortedSet<string>(map.Values, StringComparer.Ordinal);
        bool changed;
        do
        {
            changed = false;
            var replaced = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var group in current.GroupBy(t => t.Split(' ').Length))
            {
                var length = group.Key;
                var words = group.Select(t => t.Split(' ')).ToList();
                if (words.Count < MinDistinctValues)
                {
                    continue;
                }

                for (var p = 0; p < length; p++)
                {
                    var values = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
                    foreach (var w in words)
                    {
                        var key = KeyWithout(w, p);
                        if (!values.TryGetValue(key, out var set))
                        {
                            values[key] = set = new HashSet<string>(StringComparer.Ordinal);
                        }

                        set.Add(w[p]);
                    }

                    for (var k = 0; k < words.Count; k++)
                    {
                        var w = words[k];
                        var key = KeyWithout(w, p);
                        if (w[p] != Wildcard && values[key].Count >= MinDistinctValues && MostlyLiteral(w, p))
                        {
                            var before = string.Join(' ', w);
                            w = (string[])w.Clone();
                            w[p] = Wildcard;
                            words[k] = w;
                            replaced[before] = key;
                            changed = true;
                        }
                    }
                }
            }

            if (changed)
            {
                foreach (var original in map.Keys.ToList())
                {
                    var to = map[original];
                    while (replaced.TryGetValue(to, out var next) && next != to)
                    {
                        to = next;
                    }

                    map[original] = to;
                }

                current = new SortedSet<string>(map.Values, StringComparer.Ordinal);
            }
        }
        while (changed);

        return map;
    }

    private static string KeyWithout(string[] words, int p)
    {
        var copy = (string[])words.Clone();
        copy[p] = Wildcard;
        return string.Join(' ', copy);
    }

    private static bool MostlyLiteral(string[] words, int p)
    {
        var literal = 0;
        for (var i = 0; i < words.Length; i++)
        {
            if (i != p && !words[i].Contains(Wildcard, StringComparison.Ordinal))
            {
                literal++;
            }
        }

        return literal >= Math.Max(MinLiteralWords, words.Length / 2.0);
    }
}
