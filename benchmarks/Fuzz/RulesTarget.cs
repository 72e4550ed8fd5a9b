using System.Text;
using Microsoft.Extensions.Options;
using PosFleet.Logs;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Scanning;

namespace PosFleet.Fuzz;

/// <summary>
/// The rules loader fed arbitrary files: <see cref="ClassificationRuleSet.Load"/> and <see cref="ClassificationRuleSet.Resolve"/>
/// throw only their documented <see cref="IOException"/> and <see cref="InvalidDataException"/> (naming the file), the scan
/// options' validation only <see cref="OptionsValidationException"/>, and they agree: a file one of them accepts, the
/// others accept. Rules that load have unique names and classify any line; the keyword prefilter says "none" exactly when
/// no keyword occurs, and a rule that matched has one of its keywords in the line.
/// </summary>
internal static class RulesTarget
{
    private static readonly string[] Messages =
    [
        "printer: paper out ref=T-1042",
        "sync: Connection reset by back office after 30 s",
        "tickets: could not save ticket ref=T-9: database is locked",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
        "PAPER OUT é \u00a0 日本",
        "",
    ];

    /// <summary>Loads <paramref name="input"/> as a rules file in <paramref name="directory"/>; throws <see cref="BrokenInvariantException"/> when an invariant breaks.</summary>
    public static void Check(byte[] input, string directory)
    {
        ArgumentNullException.ThrowIfNull(input);
        var path = Path.Combine(directory, $"rules-{Guid.NewGuid():n}.json");
        File.WriteAllBytes(path, input);
        try
        {
            var loaded = Load(path);
            foreach (var defaults in new[] { true, false })
            {
                var options = new LogScanOptions();
                options.Classification.RulesFile = path;
                options.Classification.IncludeDefaultRules = defaults;
                var resolved = Resolve(options.Classification, path);
                Invariant.Require(resolved is null || loaded is not null, "Resolve accepted a file that Load refused");
                Invariant.Require(loaded is null || resolved is not null || defaults, "Resolve refused, without the built-in rules, a file that Load accepted");
                var parsing = Parse(options);
                Invariant.Require((parsing is null) == (resolved is null), $"the options' validation and Resolve disagree (built-in rules {(defaults ? "on" : "off")})");
                if (parsing is not null)
                {
                    Classify(parsing.Classifier);
                }
            }
        }
        catch (Exception ex) when (ex is not BrokenInvariantException)
        {
            throw new BrokenInvariantException($"the rules loader threw {ex.GetType().Name}: {ex.Message}", ex);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IReadOnlyList<ClassificationRule>? Load(string path)
    {
        try
        {
            var rules = ClassificationRuleSet.Load(path);
            Invariant.Require(rules.Select(r => r.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() == rules.Count, "two loaded rules share a name");
            Invariant.Require(rules.All(r => !string.IsNullOrWhiteSpace(r.Name) && !r.Name.Any(char.IsControl)), "a loaded rule has an empty name or one with control characters");
            Invariant.Require(rules.All(r => r.KnowledgeBaseUrl is null || r.KnowledgeBaseUrl.Scheme is "http" or "https" or "mailto"), "a loaded rule links to a URL that is not http, https or mailto");
            return rules;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            Invariant.Require(ex.Message.Contains(path, StringComparison.Ordinal), $"Load's {ex.GetType().Name} does not name the file: {ex.Message}");
            return null;
        }
    }

    private static IReadOnlyList<ClassificationRule>? Resolve(LogClassificationOptions options, string path)
    {
        try
        {
            var rules = ClassificationRuleSet.Resolve(options);
            Invariant.Require(rules.Select(r => r.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() == rules.Count, "two resolved rules share a name");
            return rules;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            Invariant.Require(ex.Message.Contains(path, StringComparison.Ordinal), $"Resolve's {ex.GetType().Name} does not name the file: {ex.Message}");
            return null;
        }
    }

    private static LogParsing? Parse(LogScanOptions options)
    {
        try
        {
            return new LogParsing(options, TimeProvider.System);
        }
        catch (OptionsValidationException ex)
        {
            Invariant.Require(ex.Failures.Any(f => f.Contains("Classification", StringComparison.Ordinal)), $"the validation does not name the option: {ex.Message}");
            return null;
        }
    }

    private static void Classify(LogClassifier classifier)
    {
        var messages = Messages.Concat(classifier.Rules.SelectMany(r => r.Keywords ?? []).Take(64).SelectMany(k => new[] { $"x {k} y", k.ToUpperInvariant() }));
        foreach (var text in messages)
        {
            var message = Encoding.UTF8.GetBytes(text);
            var hits = classifier.FindKeywords(message);
            var occurs = classifier.KeywordVariants.Any(v => OccursAsWord(message, v));
            Invariant.Require((hits != 0) == occurs, $"the keyword prefilter says {(hits != 0 ? "a keyword" : "none")} in '{text}', and {(occurs ? "one" : "none")} occurs");

            // The scanner lets the prefilter read past the message (into the rest of the block): it must not match there.
            var trap = classifier.KeywordVariants.FirstOrDefault() ?? [];
            var readable = new byte[message.Length + trap.Length + 64];
            message.CopyTo(readable, 0);
            trap.CopyTo(readable, message.Length);
            Invariant.Require(classifier.FindKeywords(readable.AsSpan(0, message.Length), readable) == hits, $"the keyword prefilter reads past the end of '{text}'");

            foreach (var level in new[] { "ERROR"u8.ToArray(), "INFO"u8.ToArray(), [] })
            {
                var c = classifier.Classify(LogKind.None, LogSeverity.Success, level, "printer"u8, message, hits);
                if (c.RuleIndex < 0)
                {
                    continue;
                }

                var rule = classifier.Rules[c.RuleIndex];
                Invariant.Require(c.Kind == rule.Kind, $"'{text}' matched rule '{rule.Name}' but was given the kind {c.Kind}, not {rule.Kind}");
                Invariant.Require(rule.Keywords is null || occurs, $"'{text}' matched rule '{rule.Name}', and none of its keywords occurs in it");
            }
        }
    }

    /// <summary>Keywords match whole words: an end of the match that is a word byte (letter, digit, '_', '-', non-ASCII) must not touch another.</summary>
    private static bool OccursAsWord(byte[] line, byte[] word)
    {
        static bool IsWord(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'-' or >= 0x80;
        for (var at = 0; word.Length > 0 && at + word.Length <= line.Length; at++)
        {
            if (line.AsSpan(at, word.Length).SequenceEqual(word)
                && (at == 0 || !IsWord(word[0]) || !IsWord(line[at - 1]))
                && (at + word.Length == line.Length || !IsWord(word[^1]) || !IsWord(line[at + word.Length])))
            {
                return true;
            }
        }

        return false;
    }
}
