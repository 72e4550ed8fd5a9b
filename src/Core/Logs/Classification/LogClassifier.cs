using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace PosFleet.Logs.Classification;

/// <summary>The outcome of classifying one line.</summary>
internal readonly record struct LineClassification(LogKind Kind, LogSeverity Severity, int RuleIndex);

/// <summary>
/// The rules compiled for the hot path: level and component conditions are compared as bytes, keywords are found in one
/// pass over the message, and a rule's regular expression runs only on the lines its keywords already selected. Up to
/// 64 keywords whose spellings are 4 bytes or longer, on a processor with byte shuffles (SSSE3, AVX2, arm64), the packed prefilter
/// (<see cref="KeywordMatcher"/>) finds them; otherwise an Aho–Corasick automaton (<see cref="KeywordAutomaton"/>) does,
/// however many there are. Past 64 keywords the mask the scanner carries is a summary (keyword <c>k</c> sets bit
/// <c>k % 64</c>), and a line it selects is searched again for the exact keywords.
/// </summary>
internal sealed class LogClassifier
{
    /// <summary>The time a rule's pattern may take on one line; linear matching keeps it far away.</summary>
    public static readonly TimeSpan DefaultPatternTimeout = TimeSpan.FromMilliseconds(200);

    private const int MaxStackChars = 1024;

    private readonly CompiledRule[] _rules;
    private readonly bool _hasRulesWithoutKeywords;
    private readonly KeywordMatcher? _packed;
    private readonly KeywordAutomaton _automaton;
    private readonly int _keywordCount;
    private readonly long[] _patternTimeouts;

    public LogClassifier(IReadOnlyList<ClassificationRule> rules)
        : this(rules, DefaultPatternTimeout)
    {
    }

    public LogClassifier(IReadOnlyList<ClassificationRule> rules, TimeSpan patternTimeout)
    {
        Rules = rules;
        PatternTimeout = patternTimeout;
        var keywordIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var variantBytes = new List<byte[]>();
        var variantKeywords = new List<int>();
        var lastRuleOf = new List<int>();
        var ruleKeywords = new int[rules.Count][];
        for (var r = 0; r < rules.Count; r++)
        {
            var ids = new List<int>();
            foreach (var keyword in rules[r].Keywords ?? [])
            {
                if (!keywordIndex.TryGetValue(keyword, out var k))
                {
                    k = keywordIndex.Count;
                    keywordIndex.Add(keyword, k);
                    lastRuleOf.Add(-1);
                    foreach (var v in Variants(keyword))
                    {
                        variantBytes.Add(Encoding.UTF8.GetBytes(v));
                        variantKeywords.Add(k);
                    }
                }

                // Once per rule, in the order the rule lists them.
                if (lastRuleOf[k] != r)
                {
                    lastRuleOf[k] = r;
                    ids.Add(k);
                }
            }

            ruleKeywords[r] = [.. ids];
        }

        // Loops rather than queries here and in the tables below: a query over a value type (a tuple, a struct) is generic
        // code that the framework does not ship compiled, and that the JIT build compiles on every start
        // (benchmarks/README.md, "the JIT build's start, fewer methods to compile").
        _keywordCount = keywordIndex.Count;
        KeywordVariants = [.. variantBytes];
        KeywordOfVariant = [.. variantKeywords];
        _automaton = new KeywordAutomaton(KeywordVariants, KeywordOfVariant);
        _packed = KeywordMatcher.Supports(KeywordVariants, _keywordCount) ? new KeywordMatcher(KeywordVariants, KeywordOfVariant) : null;
        Marker = KeywordMarker.Create(KeywordVariants);
        _patternTimeouts = new long[rules.Count];
        _rules = new CompiledRule[rules.Count];
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            ulong mask = 0;
            foreach (var k in ruleKeywords[r])
            {
                mask |= 1UL << k;
            }

            _rules[r] = new CompiledRule(
                rule.Levels?.ToArray(),
                rule.Components?.Select(Encoding.UTF8.GetBytes).ToArray(),
                mask,
                IsWide ? ruleKeywords[r] : null,
                rule.Pattern is null ? null : ClassificationRuleValidator.CompilePattern(rule.Pattern, patternTimeout),
                rule.Kind,
                rule.Severity);
        }

        var patterns = false;
        foreach (var compiled in _rules)
        {
            _hasRulesWithoutKeywords |= compiled.KeywordMask == 0;
            patterns |= compiled.Pattern is not null;
        }

        ClassifiesByShape = !patterns && !Array.Exists(KeywordVariants, v => v.AsSpan().ContainsAnyInRange((byte)'0', (byte)'9'));
    }

    public IReadOnlyList<ClassificationRule> Rules { get; }

    /// <summary>The time a rule's pattern may take on one line.</summary>
    public TimeSpan PatternTimeout { get; }

    /// <summary>The rules' names with their counts in <paramref name="timeouts"/> (one per rule), those above zero only.</summary>
    public IReadOnlyDictionary<string, long> NameTimeouts(long[] timeouts)
    {
        var named = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var r = 0; r < timeouts.Length; r++)
        {
            if (Interlocked.Read(ref timeouts[r]) is > 0 and var count)
            {
                named[Rules[r].Name] = named.GetValueOrDefault(Rules[r].Name) + count;
            }
        }

        return named;
    }

    /// <summary>
    /// Marks where a keyword may end across a whole block, so that a scan searches only the lines it marks;
    /// <see langword="null"/> where it cannot serve (see <see cref="KeywordMarker.Create(byte[][])"/>).
    /// </summary>
    internal KeywordMarker? Marker { get; }

    /// <summary>Every spelling searched for, as bytes.</summary>
    public byte[][] KeywordVariants { get; }

    /// <summary>For each of <see cref="KeywordVariants"/>, its keyword's number.</summary>
    public int[] KeywordOfVariant { get; }

    /// <summary>Whether there are more than 64 keywords, so that a hit mask is a summary and selected lines are searched again.</summary>
    public bool IsWide => _keywordCount > 64;

    /// <summary>Whether some rule applies without a keyword: else a line with no keyword is classified by its level alone.</summary>
    public bool HasRulesWithoutKeywords => _hasRulesWithoutKeywords;

    /// <summary>
    /// Whether two lines of one level and component whose messages differ only in their digits are always classified
    /// alike: no rule has a pattern (which may read digits), and no keyword holds a digit. A keyword then matches the same
    /// places in both messages, bounded alike: one digit for another leaves a word a word.
    /// </summary>
    public bool ClassifiesByShape { get; }

    /// <summary>Whether the packed (vector) prefilter is used rather than the automaton.</summary>
    public bool IsPacked => _packed is not null;

    /// <summary>How many times a rule's pattern ran past its time limit on a line (that line then did not match the rule).</summary>
    public long PatternTimeouts
    {
        get
        {
            long total = 0;
            for (var r = 0; r < _patternTimeouts.Length; r++)
            {
                total += Interlocked.Read(ref _patternTimeouts[r]);
            }

            return total;
        }
    }

    /// <summary>The number of pattern timeouts of the rule at <paramref name="rule"/>.</summary>
    public long PatternTimeoutsOf(int rule) => Interlocked.Read(ref _patternTimeouts[rule]);

    /// <summary>Finds which keywords (as a bit mask; a summary past 64 keywords, zero exactly when none) occur in a message.</summary>
    public ulong FindKeywords(ReadOnlySpan<byte> message) =>
        _packed is not null ? _packed.Find(message) : _automaton.Find(message, default);

    /// <summary>Finds which keywords occur in a message that <paramref name="readable"/> starts with and may extend past.</summary>
    public ulong FindKeywords(ReadOnlySpan<byte> message, ReadOnlySpan<byte> readable) =>
        _packed is not null ? _packed.Find(message, readable) : _automaton.Find(message, default);

    /// <summary>Classifies a line whose level token alone means (<paramref name="levelKind"/>, <paramref name="levelSeverity"/>).</summary>
    /// <param name="timeouts">Per rule, the pattern timeouts of one scan or ingest (the classifier's own totals count them too).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public LineClassification Classify(
        LogKind levelKind, LogSeverity levelSeverity, ReadOnlySpan<byte> level, ReadOnlySpan<byte> component, ReadOnlySpan<byte> message, ulong keywordHits,
        long[]? timeouts = null)
    {
        if (keywordHits == 0 && !_hasRulesWithoutKeywords)
        {
            return new LineClassification(levelKind, levelSeverity, -1);
        }

        if (!IsWide || keywordHits == 0)
        {
            return Evaluate(levelKind, levelSeverity, level, component, message, keywordHits, default, timeouts);
        }

        // Past 64 keywords the mask only says that some keyword occurs: find which, for this line only.
        var words = (_keywordCount + 63) >> 6;
        ulong[]? rented = null;
        Span<ulong> exact = words <= 64 ? stackalloc ulong[64] : (rented = ArrayPool<ulong>.Shared.Rent(words));
        exact = exact[..words];
        exact.Clear();
        try
        {
            _automaton.Find(message, exact);
            return Evaluate(levelKind, levelSeverity, level, component, message, keywordHits, exact, timeouts);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ulong>.Shared.Return(rented);
            }
        }
    }

    private LineClassification Evaluate(
        LogKind levelKind, LogSeverity levelSeverity, ReadOnlySpan<byte> level, ReadOnlySpan<byte> component, ReadOnlySpan<byte> message,
        ulong keywordHits, ReadOnlySpan<ulong> exact, long[]? timeouts)
    {
        for (var r = 0; r < _rules.Length; r++)
        {
            ref readonly var rule = ref _rules[r];
            if (rule.KeywordMask != 0 && ((rule.KeywordMask & keywordHits) == 0 || (rule.KeywordIds is { } ids && !AnySet(exact, ids))))
            {
                continue;
            }

            if (rule.Levels is not null && !MatchesAny(level, rule.Levels))
            {
                continue;
            }

            if (rule.Components is not null && !MatchesAny(component, rule.Components))
            {
                continue;
            }

            if (rule.Pattern is not null && !PatternMatches(r, rule.Pattern, message, timeouts))
            {
                continue;
            }

            var severity = rule.Severity ?? levelSeverity;
            if (rule.Severity is null && rule.Kind != LogKind.None && severity == LogSeverity.Success)
            {
                severity = LogSeverity.Alert;
            }

            return new LineClassification(rule.Kind, severity, r);
        }

        return new LineClassification(levelKind, levelSeverity, -1);
    }

    private static bool AnySet(ReadOnlySpan<ulong> bits, int[] ids)
    {
        foreach (var k in ids)
        {
            if ((bits[k >> 6] & (1UL << k)) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Matches without allocating for messages of up to <see cref="MaxStackChars"/> characters. A pattern that runs past
    /// its time limit (linear matching makes that a line of megabytes) does not match the line, and is counted.
    /// </summary>
    [SkipLocalsInit]
    private bool PatternMatches(int rule, Regex pattern, ReadOnlySpan<byte> message, long[]? timeouts)
    {
        char[]? rented = null;
        Span<char> chars = message.Length <= MaxStackChars ? stackalloc char[MaxStackChars] : (rented = ArrayPool<char>.Shared.Rent(message.Length));
        try
        {
            var length = Encoding.UTF8.GetChars(message, chars);
            return pattern.IsMatch(chars[..length]);
        }
        catch (RegexMatchTimeoutException)
        {
            Interlocked.Increment(ref _patternTimeouts[rule]);
            if (timeouts is not null)
            {
                Interlocked.Increment(ref timeouts[rule]);
            }

            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static bool MatchesAny(ReadOnlySpan<byte> token, string[] values)
    {
        foreach (var v in values)
        {
            if (LevelTable.Matches(token, v))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesAny(ReadOnlySpan<byte> token, byte[][] values)
    {
        foreach (var v in values)
        {
            if (token.Length == v.Length && Ascii.EqualsIgnoreCase(token, v))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> Variants(string keyword)
    {
        var lower = keyword.ToLowerInvariant();
        var upper = keyword.ToUpperInvariant();
        var capitalized = lower.Length == 0 ? lower : char.ToUpperInvariant(lower[0]) + lower[1..];
        return new[] { keyword, lower, upper, capitalized }.Distinct(StringComparer.Ordinal);
    }

    private readonly record struct CompiledRule(
        string[]? Levels, byte[][]? Components, ulong KeywordMask, int[]? KeywordIds, Regex? Pattern, LogKind Kind, LogSeverity? Severity);
}
