using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PosFleet.Logs.Classification;

/// <summary>Reads classification rules from JSON and puts every rule in its evaluation order.</summary>
public static class ClassificationRuleSet
{
    /// <summary>
    /// Reads a rules file: <c>{ "rules": [ { "name": "…", "levels": […], "components": […], "keywords": […],
    /// "pattern": "…", "kind": "offline", "severity": "alert", "origin": "fiscal printer", "hint": "…", "hints": { "es": "…", "fr": "…" },
    /// "knowledgeBaseUrl": "https://…" } ] }</c>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The rules, in file order.</returns>
    /// <exception cref="IOException">The file cannot be read; the message names it.</exception>
    /// <exception cref="InvalidDataException">The file or a rule in it is invalid; the message names the file, the rule and the fix.</exception>
    public static IReadOnlyList<ClassificationRule> Load(string path)
    {
        var file = Read(path);
        if (file?.Rules is null)
        {
            throw new InvalidDataException($"The rules file '{path}' has no \"rules\" array: write {{ \"rules\": [ … ] }}.");
        }

        var rules = new List<ClassificationRule>(file.Rules.Count);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < file.Rules.Count; i++)
        {
            var where = $"{path}: rule {i + 1}";
            var rule = ToRule(file.Rules[i] ?? throw new InvalidDataException($"{where} is null: write the rule as {{ \"name\": …, \"keywords\": [ … ] }} or remove it."), where);
            Claim(names, rule.Name, where);
            rules.Add(rule);
        }

        return rules;
    }

    /// <summary>
    /// Reads the line layouts a rules file names beside its rules: <c>"layouts": [ { "name": "till", "pattern":
    /// "{timestamp:yyyy-MM-dd HH:mm:ss} {level} {message}" } ]</c>, in the language of
    /// <see cref="Formats.LogFormats.FromPattern"/>. Detection tries them before the built-in formats.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The layouts, in file order (none when the file names none).</returns>
    /// <exception cref="IOException">The file cannot be read; the message names it.</exception>
    /// <exception cref="InvalidDataException">The file or a layout in it is invalid; the message names the file, the layout and the fix.</exception>
    public static IReadOnlyList<Formats.LogFormat> LoadLayouts(string path)
    {
        var file = Read(path);
        var layouts = new List<Formats.LogFormat>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (file?.Layouts?.Count ?? 0); i++)
        {
            var where = $"{path}: layout {i + 1}";
            var dto = file!.Layouts![i];
            if (dto is null || string.IsNullOrWhiteSpace(dto.Name) || string.IsNullOrWhiteSpace(dto.Pattern))
            {
                throw new InvalidDataException($"{where} needs a \"name\" and a \"pattern\": write {{ \"name\": \"till\", \"pattern\": \"{{timestamp}} {{level}} {{message}}\" }}.");
            }

            if (!names.Add(dto.Name))
            {
                throw new InvalidDataException($"{where}: the name '{ClassificationRuleValidator.Printable(dto.Name)}' is used by another layout of the file: rename one.");
            }

            try
            {
                layouts.Add(Formats.LogFormats.FromPattern(dto.Name, dto.Pattern));
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{where} ('{ClassificationRuleValidator.Printable(dto.Name)}'): {ex.Message}", ex);
            }
        }

        return layouts;
    }

    private static RuleFile? Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        RuleFile? file;
        try
        {
            // Never waits: a FIFO given as the rules file is refused, not waited on for a writer.
            using var stream = Ingest.FileIdentity.OpenRegular(path, 4096);
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

        return file;
    }

    /// <summary>
    /// All rules in evaluation order: the file's, then the code's, then (unless turned off) the defaults; each checked.
    /// A rule's name is its identity in the store and in digests, so two rules may not share one, compared ignoring case,
    /// across the file, the code and the built-in rules (a built-in rule is not replaced by a rule of the same name:
    /// give yours another name, or turn the built-in rules off with <see cref="LogClassificationOptions.IncludeDefaultRules"/>).
    /// </summary>
    /// <param name="options">The classification options.</param>
    /// <returns>The rules in evaluation order.</returns>
    /// <exception cref="IOException">The rules file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The rules file or a rule is invalid; the message names it and the fix.</exception>
    public static IReadOnlyList<ClassificationRule> Resolve(LogClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rules = new List<ClassificationRule>();
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (options.RulesFile is not null)
        {
            var file = Load(options.RulesFile);
            for (var i = 0; i < file.Count; i++)
            {
                Claim(names, file[i].Name, $"{options.RulesFile}: rule {i + 1}");
            }

            rules.AddRange(file);
        }

        for (var i = 0; i < options.Rules.Count; i++)
        {
            var where = $"LogClassificationOptions.Rules[{i}]";
            var rule = options.Rules[i] ?? throw new InvalidDataException($"{where} is null: remove it.");
            ClassificationRuleValidator.Validate(rule, where);
            Claim(names, rule.Name, where);
            rules.Add(rule);
        }

        if (options.IncludeDefaultRules)
        {
            foreach (var rule in DefaultClassificationRules.All)
            {
                if (names.TryGetValue(rule.Name, out var first))
                {
                    throw new InvalidDataException(
                        $"{first} ('{rule.Name}'): '{rule.Name}' is the name of a built-in rule, and a rule's name is its identity in the store and in digests: "
                        + "give your rule another name, or turn the built-in rules off (LogClassificationOptions.IncludeDefaultRules = false).");
                }
            }

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
            Kind = ParseEnum<LogKind>(dto.Kind ?? "none", Named(where, dto.Name), "kind", "error, fail, offline, retry or none"),
            Severity = dto.Severity is null ? null : ParseEnum<LogSeverity>(dto.Severity, Named(where, dto.Name), "severity", "success, alert or error"),
            Origin = dto.Origin,
            Hint = dto.Hint,
            LocalizedHints = dto.Hints?.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            KnowledgeBaseUrl = ClassificationRuleValidator.ParseKnowledgeBaseUrl(dto.KnowledgeBaseUrl, Named(where, dto.Name)),
        };
        ClassificationRuleValidator.Validate(rule, where);
        return rule;
    }

    private static string Named(string where, string? name) => string.IsNullOrWhiteSpace(name) ? where : $"{where} ('{ClassificationRuleValidator.Printable(name)}')";

    /// <summary>Records <paramref name="name"/> as taken by the rule at <paramref name="where"/>, or refuses it if another rule has it.</summary>
    private static void Claim(Dictionary<string, string> names, string name, string where)
    {
        if (!names.TryAdd(name, where))
        {
            throw new InvalidDataException(
                $"{where} ('{name}'): the name '{name}' is already used by {names[name]}: a rule's name is its identity in the store and in digests, "
                + "and names are compared ignoring case: rename one of the two rules.");
        }
    }

    private static T ParseEnum<T>(string value, string where, string field, string allowed)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidDataException($"{where}: \"{field}\" is '{value}': use {allowed}.");

    internal sealed class RuleFile
    {
        public List<RuleDto?>? Rules { get; set; }

        public List<LayoutDto?>? Layouts { get; set; }
    }

    internal sealed class LayoutDto
    {
        public string? Name { get; set; }

        public string? Pattern { get; set; }
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

        public string? Origin { get; set; }

        public string? Hint { get; set; }

        public Dictionary<string, string>? Hints { get; set; }

        public string? KnowledgeBaseUrl { get; set; }
    }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ClassificationRuleSet.RuleFile))]
internal sealed partial class RuleFileContext : JsonSerializerContext;
