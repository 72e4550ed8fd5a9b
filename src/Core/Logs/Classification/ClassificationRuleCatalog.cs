using Microsoft.Extensions.Options;
using PosFleet.Logs.Scanning;

namespace PosFleet.Logs.Classification;

/// <summary>The rules resolved once from the host's classification options, indexed by name.</summary>
internal sealed class ClassificationRuleCatalog : IClassificationRuleCatalog
{
    private readonly Dictionary<string, ClassificationRule> _byName;

    /// <summary>The catalog of the scanner's classification options.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The rules file cannot be read or a rule is invalid, as the scanner reports it.</exception>
    public ClassificationRuleCatalog(IOptions<LogScanOptions> options)
        : this(ClassificationRuleSet.Resolve(options.Value.Classification))
    {
    }

    public ClassificationRuleCatalog(IReadOnlyList<ClassificationRule> rules)
    {
        Rules = rules;
        _byName = new Dictionary<string, ClassificationRule>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            _byName.TryAdd(rule.Name, rule);
        }
    }

    public IReadOnlyList<ClassificationRule> Rules { get; }

    public ClassificationRule? FindRule(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.GetValueOrDefault(name);
    }
}
