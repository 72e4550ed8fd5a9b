using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace PosFleet.Fuzz;

/// <summary>
/// The inputs the fuzzer tries, as CsCheck generators: corpus files mutated (bytes changed, tokens of the formats
/// inserted, lines of other files spliced in, parts repeated into over-long lines, cut anywhere), sequences of tokens,
/// random bytes, and for rules, rule files built field by field from values that have broken loaders before.
/// </summary>
internal static class Inputs
{
    private const int MaxLength = 16 << 10;

    private static readonly byte[][] LineTokens = Utf8(
        "\n", "\r\n", "\r", "\0", " ", "\t", "  ", "\u00e9", "\u65e5", "\U0001F600", "[ERROR]", "[INFO]", "[WARN]", "[FAIL]", "[OFFLINE]", "[RETRY]",
        "ERROR", "INFO", "E", "W", "ref=", "order=", "ticket=", "reference=", "T-1042", "T-842322:", "xref=", ":", ".", ",", "|", "-", "/", "#",
        "term=", "org=", "POS-0027", "acme", "2026-11-20T10:15:02.123Z", "2026-11-20 10:15:02,123", "2026-11-20 10:15:02.123 +01:00",
        "9999-12-31T23:59:59.9999999-14:00", "0001-01-01T00:00:00+14:00", "2026-02-29T00:00:00Z", "2026-13-40T25:61:61Z", "+99:99", "-1400", "+14",
        "Z", "T", ".1234567890123", "<165>1 ", "<34>", "<999999999999>", "Oct 11 22:14:15", "Feb 29 00:00:00", "[Sun Dec 04 04:47:44 2005]",
        "[core:error]", "03-17 16:13:38.811  1702  2395 D ", "|ERROR|Logger.Name|", "2016-09-28 04:30:30, Info   CBS   ", "{", "}", "[", "]",
        "\"", "\\", "\\u0041", "\\ud800", "\\u00", "\"@t\":\"2026-11-20T10:15:02Z\"", "\"@l\":\"Error\"", "\"@mt\":\"x {A}\"", "\"level\":30",
        "\"ts\":1763633702.5", "\"msg\":\"paper out\"", "{\"@t\":\"2026-11-20T10:15:02Z\",\"@l\":\"Error\",\"@mt\":\"paper out\"}", "99999999999999999999",
        "-0", "1e308", "null", "true", "paper out", "printer:", "Connection reset", "0x7fffffff", "192.168.1.10", "3fa85f64-5717-4562-b3fc-2c963f66afa6");

    private static readonly byte[][] JsonTokens = Utf8(
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "0", "-1", "1e999", "//x\n", "/*", "*/", "\ufeff", "\0", "\u00e9",
        "\"rules\":", "\"name\":", "\"keywords\":", "\"pattern\":", "\"kind\":", "\"severity\":", "\"hint\":", "\"hints\":", "\"knowledgeBaseUrl\":",
        "\"levels\":", "\"components\":", "\"Name\":", "\"NAME\":", "\"x\"", "\"paper out\"", "\"(a+)+$\"", "\"error\"", "\"alert\"", "[[[[[[[[[[[[[[[[",
        "{\"name\":\"a\",\"keywords\":[\"x\"]}", "{\"name\":\"A\",\"keywords\":[\"y\"]}");

    private static readonly string[] Values =
    [
        "", " ", "x", "a", "A", "paper out", "Printer-Offline", "printer-offline", "network-lost", "error", "fail", "offline", "retry", "none", "alert",
        "success", "Error", "1", "4", "-1", "error, fail", "es", "ES", "fr-CA", "zz-ZZ", "x-private", "javascript:alert(1)", "https://kb.example.com/a",
        "HTTPS://KB.EXAMPLE.COM", "http://", "https:///x", "mailto:a@example.com", "mailto:", "/kb/a", "//kb.example.com/a", "data:,x", "file:///etc/passwd",
        "(a+)+$", @"(a)\1", "(?<=a)b", "(?>a)", "(", "[a-", @"\p{Lu}+", "a{2,}b", "(a{100}){100}", "a{2147483647}", @"(?i)\w+\s*", "[^\\x00-\\x7f]", "(?(a)b|c)",
        "\u001b]0;x\u0007", "\r\nBcc: x", "\u00e9", "\ud800", "\0", "\u200b", new string('a', 300), new string('k', 70),
    ];

    private static readonly string[] Fields =
        ["name", "levels", "components", "keywords", "pattern", "kind", "severity", "hint", "hints", "knowledgeBaseUrl", "Name", "KEYWORDS", "extra"];

    private static readonly Gen<byte[]> Bytes = Gen.Byte.Array[0, 300];

    private static readonly Gen<(int Op, double At, int Token, byte Byte, int Count)> Mutation =
        Gen.Select(Gen.Int[0, 7], Gen.Double[0, 1], Gen.Int[0, 1 << 16], Gen.Byte, Gen.Int[1, 300]);

    /// <summary>Log input: mostly corpus files mutated, some token soup, some random bytes.</summary>
    public static Gen<byte[]> Lines(IReadOnlyList<byte[]> seeds) => Gen.Frequency(
        (6, Mutated(seeds, LineTokens)),
        (2, Gen.Int[0, LineTokens.Length - 1].Array[0, 80].Select(t => Concat(t.Select(i => LineTokens[i])))),
        (1, Bytes));

    /// <summary>Rules files: built field by field, some then mutated as bytes; corpus files mutated; random bytes.</summary>
    public static Gen<byte[]> Rules(IReadOnlyList<byte[]> seeds) => Gen.Frequency(
        (4, Gen.Select(RuleFile, Mutation.Array[0, 3]).Select(p => Apply(p.Item1, p.Item2, [p.Item1], JsonTokens))),
        (4, Mutated(seeds, JsonTokens)),
        (1, Bytes));

    private static Gen<string> Value => Gen.Int[0, Values.Length - 1].Select(i => Values[i]);

    private static Gen<JsonNode?> Node => Gen.Frequency(
        (4, Value.Select(v => (JsonNode?)JsonValue.Create(v))),
        (3, Value.Array[0, 4].Select(a => (JsonNode?)new JsonArray([.. a.Select(x => (JsonNode?)JsonValue.Create(x))]))),
        (1, Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.Const((JsonNode?)null)),
        (2, Gen.Select(Value, Value, Value).Select(p => (JsonNode?)(string.Equals(p.Item1, p.Item1.ToUpperInvariant(), StringComparison.Ordinal)
            ? new JsonObject { [p.Item1] = p.Item2 }
            : new JsonObject { [p.Item1] = p.Item2, [p.Item1.ToUpperInvariant()] = p.Item3 }))),
        (1, Gen.Int[0, 600].Select(n => (JsonNode?)new JsonArray([.. Enumerable.Range(0, n).Select(k => (JsonNode?)JsonValue.Create($"keyword{k}"))]))));

    /// <summary>A rule of any shape: a name and keywords from <see cref="Values"/>, then up to six fields of any value.</summary>
    private static Gen<JsonNode?> AnyRule =>
        Gen.Select(Value, Value.Array[0, 3], Gen.Select(Gen.Int[0, Fields.Length - 1], Node).Array[0, 6]).Select(r =>
        {
            var rule = new JsonObject { ["name"] = r.Item1, ["keywords"] = new JsonArray([.. r.Item2.Select(k => (JsonNode?)JsonValue.Create(k))]) };
            foreach (var (name, value) in r.Item3)
            {
                rule[Fields[name]] = value?.DeepClone();
            }

            return (JsonNode?)rule;
        });

    /// <summary>A rule that loads (mostly), so that the classifier built from it is reached: plain words, a pattern of them.</summary>
    private static Gen<JsonNode?> UsualRule =>
        Gen.Select(Gen.Int[0, 40], Gen.Int[0, Words.Length - 1].Array[1, 5], Gen.Int[0, 4], Gen.Bool, Gen.Int[0, 3]).Select(r =>
        {
            var keywords = r.Item2.Select(i => Words[i]).ToArray();
            var rule = new JsonObject
            {
                ["name"] = $"rule-{r.Item1}",
                ["keywords"] = new JsonArray([.. keywords.Select(k => (JsonNode?)JsonValue.Create(k))]),
                ["kind"] = Kinds[r.Item3],
            };
            if (r.Item4)
            {
                rule["pattern"] = string.Join(".*", keywords.Select(System.Text.RegularExpressions.Regex.Escape)) + "(\\s+\\d+)?";
            }

            if (r.Item5 > 0)
            {
                rule[r.Item5 == 1 ? "levels" : "components"] = new JsonArray(JsonValue.Create(r.Item5 == 1 ? "ERROR" : "printer"));
            }

            return (JsonNode?)rule;
        });

    private static readonly string[] Kinds = ["error", "fail", "offline", "retry", "none"];

    private static readonly string[] Words =
        ["paper", "paper out", "printer", "Connection reset", "timed out", "ref=", "T-", "é", "日本", "ERROR", "a", "aa", "aaa", "x y", ":", ".", "\\", "(", "\t"];

    private static Gen<byte[]> RuleFile =>
        Gen.Frequency((1, AnyRule), (1, UsualRule)).Array[0, 6]
            .Select(rules => Encoding.UTF8.GetBytes(new JsonObject { ["rules"] = new JsonArray([.. rules]) }.ToJsonString()));

    private static Gen<byte[]> Mutated(IReadOnlyList<byte[]> seeds, byte[][] tokens) =>
        Gen.Select(Gen.Int[0, seeds.Count - 1], Mutation.Array[1, 8]).Select(p => Apply(seeds[p.Item1], p.Item2, seeds, tokens));

    private static byte[] Apply(byte[] seed, (int Op, double At, int Token, byte Byte, int Count)[] mutations, IReadOnlyList<byte[]> seeds, byte[][] tokens)
    {
        var data = new List<byte>(seed);
        foreach (var (op, at, token, value, count) in mutations)
        {
            var i = (int)(at * data.Count);
            var t = tokens[token % tokens.Length];
            switch (op)
            {
                case 0:
                    data.InsertRange(i, t);
                    break;
                case 1 when i < data.Count:
                    data[i] = value;
                    break;
                case 2:
                    data.RemoveRange(i, Math.Min(count % 32, data.Count - i));
                    break;
                case 3:
                    data.InsertRange(i, data.GetRange(i, Math.Min(count % 64, data.Count - i)));
                    break;
                case 4:
                    var other = seeds[token % seeds.Count];
                    var from = (int)(at * other.Length);
                    data.InsertRange(i, other.AsSpan(from, Math.Min(count, other.Length - from)).ToArray());
                    break;
                case 5:
                    data.RemoveRange(i, data.Count - i);
                    break;
                case 6:
                    data.InsertRange(i, Enumerable.Repeat(t, count).SelectMany(x => x).Take(MaxLength));
                    break;
                default:
                    data.Insert(i, (byte)'\n');
                    break;
            }

            if (data.Count > MaxLength)
            {
                data.RemoveRange(MaxLength, data.Count - MaxLength);
            }
        }

        return [.. data];
    }

    private static byte[] Concat(IEnumerable<byte[]> parts) => [.. parts.SelectMany(p => p)];

    private static byte[][] Utf8(params string[] tokens) => [.. tokens.Select(Encoding.UTF8.GetBytes)];
}
