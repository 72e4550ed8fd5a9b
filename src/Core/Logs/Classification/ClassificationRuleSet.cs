using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PosFleet.Logs.Classification;

/// <summary>Reads classification rules from JSON and puts every rule in its evaluation order.</summary>
public static class ClassificationRuleSet
{
    /// <summary>
    /// Reads a rules file: <c>{ "rules": [ { "name": "…", "levels": […], "components": […], "keywords": […],
    /// "pattern": "…", "kind": "offline", "severity": "alert", "hint": "…", "hints": { "es": "…", "fr": "…" },
    /// "knowledgeBaseUrl": "https://…" } ] }</c>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The rules, in file order.</returns>
    /// <exception cref="IOException">The file cannot be read; the message names it.</exception>
    /// <exception cref="InvalidDataException">The file or a rule in it is invalid; the message names the file, the rule and the fix.</exception>
    public static IReadOnlyList<ClassificationRule> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        RuleFile? file;
        try
        {
            using var stream = File.OpenRead(path);
            file = JsonSerializer.Deserialize(stream, RuleFileContext.Default.RuleFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The rules file '{path}' could not be read: {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The rules file '{path}' is not valid JSON at line {ex.LineNumber + 1}: {ex.Message}", ex);
        }

        if (file?.Rules is null)
        {
            throw new InvalidDataException($"The rules file '{path}' has no \"rules\" array: write {{ \"rules\": [ … ] }}.");
        }

        return [.. file.Rules.Select((r, i) => ToRule(r, $"{path}: rule {i + 1}"))];
    }

    /// <summary>All rules in evaluation order: the file's, then the code's, then (unless turned off) the defaults; each checked.</summary>
    /// <param name="options">The classification options.</param>
    /// <returns>The rules in evaluation order.</returns>
    /// <exception cref="IOException">The rules file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The rules file or a rule is invalid; the message names it and the fix.</exception>
    public static IReadOnlyList<ClassificationRule> Resolve(LogClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rules = new List<ClassificationRule>();
        if (options.RulesFile is not null)
        {
            rules.AddRange(Load(options.RulesFile));
        }

        for (var i = 0; i < options.Rules.Count; i++)
        {
            Validate(options.Rules[i], $"LogClassificationOptions.Rules[{i}]");
            rules.Add(options.Rules[i]);
        }

        if (options.IncludeDefaultRules)
        {
            rules.AddRange(DefaultClassificationRules.All);
        }

        return rules;
    }

    private static ClassificationRule ToRule(RuleDto dto, string where)
    {
        var rule = new ClassificationRule
        {
            Name = dto.Name ?? "",
            Levels = dto.Levels,
            Components = dto.Components,
            Keywords = dto.Keywords,
            Pattern = dto.Pattern,
            Kind = ParseEnum<LogKind>(dto.Kind ?? "none", where, "kind", "error, fail, offline, retry or none"),
            Severity = dto.Severity is null ? null : ParseEnum<LogSeverity>(dto.Severity, where, "severity", "success, alert or error"),
            Hint = dto.Hint,
            LocalizedHints = dto.Hints?.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            KnowledgeBaseUrl = dto.KnowledgeBaseUrl is null ? null
                : Uri.TryCreate(dto.KnowledgeBaseUrl, UriKind.Absolute, out var uri) ? uri
                : throw new InvalidDataException($"{where}: \"knowledgeBaseUrl\" '{dto.KnowledgeBaseUrl}' is not an absolute URL."),
        };
        Validate(rule, where);
        return rule;
    }

    private static T ParseEnum<T>(string value, string where, string field, string allowed)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidDataException($"{where}: \"{field}\" is '{value}': use {allowed}.");

    private static void Validate(ClassificationRule rule, string where)
    {
        if (string.IsNullOrWhiteSpace(rule.Name))
        {
            throw new InvalidDataException($"{where}: the rule has no name: give it a short \"name\" such as 'printer-paper-out'.");
        }

        where = $"{where} ('{rule.Name}')";
        if (rule.Keywords?.Any(string.IsNullOrEmpty) == true)
        {
            throw new InvalidDataException($"{where}: an empty keyword would match every line: remove it.");
        }

        if (rule.Pattern is not null)
        {
            if (rule.Keywords is not { Count: > 0 })
            {
                throw new InvalidDataException(
                    $"{where}: a \"pattern\" needs \"keywords\": the pattern runs only on lines that contain one of them, so list the literal words it looks for.");
            }

            try
            {
                _ = new Regex(rule.Pattern, RegexOptions.CultureInvariant);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{where}: the \"pattern\" is not a valid regular expression: {ex.Message}", ex);
            }
        }

        if (rule.LocalizedHints is { Count: > 0 } hints)
        {
            if (rule.Hint is null)
            {
                throw new InvalidDataException($"{where}: \"hints\" translate \"hint\", which is missing: write the hint in the default language first.");
            }

            foreach (var (name, text) in hints)
            {
                if (!IsCultureName(name))
                {
                    throw new InvalidDataException($"{where}: \"hints\" names '{name}', which is not a culture name: use names such as 'es', 'fr' or 'fr-CA'.");
                }

                if (string.IsNullOrWhiteSpace(text))
                {
                    throw new InvalidDataException($"{where}: the '{name}' hint is empty: translate it or remove it.");
                }
            }
        }

        if (rule.Levels is null && rule.Components is null && rule.Keywords is null)
        {
            throw new InvalidDataException($"{where}: the rule has no condition and would match every line: set \"levels\", \"components\" or \"keywords\".");
        }
    }

    private static bool IsCultureName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        try
        {
            return !string.IsNullOrEmpty(CultureInfo.GetCultureInfo(name, predefinedOnly: true).Name);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    internal sealed class RuleFile
    {
        public List<RuleDto>? Rules { get; set; }
    }

    internal sealed class RuleDto
    {
        public string? Name { get; set; }

        public List<string>? Levels { get; set; }

        public List<string>? Components { get; set; }

        public List<string>? Keywords { get; set; }

        public string? Pattern { get; set; }

        public string? Kind { get; set; }

        public string? Severity { get; set; }

        public string? Hint { get; set; }

        public Dictionary<string, string>? Hints { get; set; }

        public string? KnowledgeBaseUrl { get; set; }
    }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ClassificationRuleSet.RuleFile))]
internal sealed partial class RuleFileContext : JsonSerializerContext;
