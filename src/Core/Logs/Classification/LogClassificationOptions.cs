namespace PosFleet.Logs.Classification;

/// <summary>
/// The classification rules. Order of evaluation, first match wins: the rules of <see cref="RulesFile"/> in file
/// order, then <see cref="Rules"/> in list order, then (unless <see cref="IncludeDefaultRules"/> is off)
/// <see cref="DefaultClassificationRules.All"/>. A line that no rule matches gets its kind and severity from its
/// level token alone (ERROR/ERR/FATAL/E, and syslog's EMERG/ALERT/CRIT → Error, FAIL → Fail, OFFLINE → Offline,
/// RETRY → Retry, WARN/W → Alert).
/// </summary>
public sealed class LogClassificationOptions
{
    /// <summary>Rules declared in code, evaluated after those of <see cref="RulesFile"/>.</summary>
    public IList<ClassificationRule> Rules { get; } = [];

    /// <summary>A JSON rules file (<c>{ "rules": [ … ] }</c>), evaluated first.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? RulesFile { get; set; }

    /// <summary>Whether the built-in rules are evaluated after the host's.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool IncludeDefaultRules { get; set; } = true;

    /// <summary>
    /// The time a rule's pattern may take on one line. Patterns match in linear time (non-backtracking), so only a line of
    /// megabytes comes near it; a line on which it runs out does not match that rule, and is counted and reported per rule
    /// (<c>PatternTimeouts</c> of the scan and ingest summaries, and a warning in the log).
    /// </summary>
    /// <value>The default value is 200 milliseconds.</value>
    public TimeSpan PatternTimeout { get; set; } = LogClassifier.DefaultPatternTimeout;
}
