namespace PosFleet.Logs.Classification;

/// <summary>
/// The classification rules of this host, resolved once from the same <see cref="LogClassificationOptions"/> the
/// scanner classifies with (the rules file, then the rules in code, then the built-in ones). Entries carry the name of
/// the rule that classified them; what a rule says about them (its hint in a reader's language, its knowledge-base
/// link) is looked up here by that name, so that a report shows the rule as the host defines it now.
/// </summary>
public interface IClassificationRuleCatalog
{
    /// <summary>Every rule, in evaluation order (the first that matches a line wins).</summary>
    IReadOnlyList<ClassificationRule> Rules { get; }

    /// <summary>The rule of this name that the scanner evaluates first, or <see langword="null"/> when the host has none by that name.</summary>
    /// <param name="name">The rule's name, as stored with the entries it classified.</param>
    /// <returns>The rule, or <see langword="null"/>.</returns>
    ClassificationRule? FindRule(string name);
}
