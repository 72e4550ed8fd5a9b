using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using PosFleet.Logs;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Classification;

/// <summary>
/// Whatever a rules file holds, loading it either gives rules that compile and classify, or fails with the one
/// exception the CLI maps to exit code 4: never another exception type.
/// </summary>
public sealed class RulesFilePropertyTests : IDisposable
{
    private static readonly Gen<string> Text = Gen.OneOf<string>(
        "", " ", "x", "paper out", "Printer-Offline", "network-lost", "error", "fail", "offline", "alert", "es", "fr-CA", "zz-ZZ",
        "javascript:alert(1)", "https://kb.example.com/a", "mailto:a@example.com", "/kb/a", "data:,x",
        "(a+)+$", @"(a)\1", "(?<=a)b", "(?>a)", "(", "[a-", @"\p{Lu}+", "a{2,}b", "\u001b]0;x\u0007", "é", "\0", new string('a', 300));

    private static readonly Gen<JsonNode?> Value = Gen.OneOf(
        Text.Select(t => (JsonNode?)JsonValue.Create(t)),
        Text.Array[0, 4].Select(a => (JsonNode?)new JsonArray([.. a.Select(x => (JsonNode?)JsonValue.Create(x))])),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Const((JsonNode?)null),
        Gen.Select(Text, Text).Select(p => (JsonNode?)new JsonObject { [p.Item1.Length == 0 ? "es" : p.Item1] = p.Item2 }));

    private static readonly Gen<string> Field = Gen.OneOf<string>(
        "name", "levels", "components", "keywords", "pattern", "kind", "severity", "hint", "hints", "knowledgeBaseUrl", "extra");

    private static readonly Gen<JsonNode?> Rule = Gen.Select(Text, Text.Array[0, 3], Gen.Select(Field, Value).Array[0, 6]).Select(r =>
    {
        var rule = new JsonObject { ["name"] = r.Item1, ["keywords"] = new JsonArray([.. r.Item2.Select(k => (JsonNode?)JsonValue.Create(k))]) };
        foreach (var (field, value) in r.Item3)
        {
            rule[field] = value;
        }

        return (JsonNode?)rule;
    });

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_AnyRulesFile_GivesWorkingRulesOrInvalidDataException()
    {
        Gen.Select(Rule.Array[0, 5], Gen.Int[0, 9], Gen.Double[0, 1]).Sample(sample =>
        {
            // Samples run in parallel: a file each.
            var path = Path.Combine(_dir.Path, $"{Guid.NewGuid():n}.json");
            var (rules, shape, cut) = sample;
            var json = new JsonObject { ["rules"] = new JsonArray(rules) }.ToJsonString();
            if (shape == 0)
            {
                json = json[..(int)(cut * json.Length)];
            }

            File.WriteAllText(path, json, Encoding.UTF8);
            IReadOnlyList<ClassificationRule> loaded;
            try
            {
                loaded = ClassificationRuleSet.Load(path);
            }
            catch (InvalidDataException ex)
            {
                Assert.Contains(path, ex.Message, StringComparison.Ordinal);
                return;
            }

            var classifier = new LogClassifier([.. loaded, .. DefaultClassificationRules.All.Where(d => !loaded.Any(l => string.Equals(l.Name, d.Name, StringComparison.OrdinalIgnoreCase)))]);
            var message = "paper out: aaaa error x é"u8;
            _ = classifier.Classify(LogKind.None, LogSeverity.Success, "ERROR"u8, "x"u8, message, classifier.FindKeywords(message));
        }, iter: 2_000);
    }
}
