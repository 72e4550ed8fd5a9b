using System.Text;
using System.Text.RegularExpressions;

namespace PosFleet.Logs.Classification;

/// <summary>The outcome of classifying one line.</summary>
internal readonly record struct LineClassification(LogKind Kind, LogSeverity Severity, int RuleIndex);

/// <summary>
/// The rules compiled for the hot path: level and component conditions are compared as bytes, keywords are found in one
/// pass over the message (<see cref="KeywordMatcher"/>), and a rule's regular expression runs only on the lines its
/// keywords already selected.
/// </summary>
internal sealed class LogClassifier
{
    public const int MaxKeywords = 64;

    private readonly CompiledRule[] _rules;
    private readonly bool _hasRulesWithoutKeywords;
    private readonly KeywordMatcher _keywords;

    public LogClassifier(IReadOnlyList<ClassificationRule> rules)
    {
        Rules = rules;
        var keywordIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var variants = new List<(byte[] Bytes, int Keyword)>();
        _rules = new CompiledRule[rules.Count];
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            ulong mask = 0;
            foreach (var keyword in rule.Keywords ?? [])
            {
                if (!keywordIndex.TryGetValue(keyword, out var k))
                {
                    k = keywordIndex.Count;
                    if (k >= MaxKeywords)
                    {
                        throw new InvalidOperationException(
                            $"The classification rules name more than {MaxKeywords} distinct keywords; merge rules or use a Pattern with fewer keywords.");
                    }

                    keywordIndex.Add(keyword, k);
                    foreach (var v in Variants(keyword))
                    {
                        variants.Add((Encoding.UTF8.GetBytes(v), k));
                    }
                }

                mask |= 1UL << k;
            }

            _rules[r] = new CompiledRule(
                rule.Levels?.ToArray(),
                rule.Components?.Select(Encoding.UTF8.GetBytes).ToArray(),
                rule.Keywords is { Count: > 0 } ? mask : 0,
                rule.Pattern is null ? null : new Regex(rule.Pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(200)),
                rule.Kind,
                rule.Severity);
        }

        _hasRulesWithoutKeywords = _rules.Any(r => r.KeywordMask == 0);
        KeywordVariants = variants.Select(v => v.Bytes).ToArray();
        KeywordOfVariant = variants.Select(v => v.Keyword).ToArray();
        _keywords = new KeywordMatcher(KeywordVariants, KeywordOfVariant);
    }

    public IReadOnlyList<ClassificationRule> Rules { get; }

    /// <summary>Every spelling searched for, as bytes.</summary>
    public byte[][] KeywordVariants { get; }

    /// <summary>Finds which keywords (as a bit mask) occur in a message.</summary>
    public ulong FindKeywords(ReadOnlySpan<byte> message) => _keywords.Find(message);

    /// <summary>Finds which keywords occur in a message that <paramref name="readable"/> starts with and may extend past.</summary>
    public ulong FindKeywords(ReadOnlySpan<byte> message, ReadOnlySpan<byte> readable) => _keywords.Find(message, readable);

    /// <summary>For each of <see cref="KeywordVariants"/>, the bit of its keyword in a hit mask.</summary>
    public int[] KeywordOfVariant { get; }

    /// <summary>Classifies a line whose level token alone means (<paramref name="levelKind"/>, <paramref name="levelSeverity"/>).</summary>
    public LineClassification Classify(
        LogKind levelKind, LogSeverity levelSeverity, ReadOnlySpan<byte> level, ReadOnlySpan<byte> component, ReadOnlySpan<byte> message, ulong keywordHits)
    {
        if (keywordHits == 0 && !_hasRulesWithoutKeywords)
        {
            return new LineClassification(levelKind, levelSeverity, -1);
        }

        for (var r = 0; r < _rules.Length; r++)
        {
            ref readonly var rule = ref _rules[r];
            if (rule.KeywordMask != 0 && (rule.KeywordMask & keywordHits) == 0)
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

            if (rule.Pattern is not null && !PatternMatches(rule.Pattern, message))
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

    /// <summary>A pattern that runs past its time limit on a pathological line does not match it; the scan goes on.</summary>
    private static bool PatternMatches(Regex pattern, ReadOnlySpan<byte> message)
    {
        try
        {
            return pattern.IsMatch(Encoding.UTF8.GetString(message));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
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
        string[]? Levels, byte[][]? Components, ulong KeywordMask, Regex? Pattern, LogKind Kind, LogSeverity? Severity);
}
