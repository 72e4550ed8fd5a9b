namespace PosFleet.Tests;

/// <summary>Real-looking card numbers for tests: Luhn-valid, written together, in fours with spaces or dashes, or 4-6-5.</summary>
internal static class LuhnPans
{
    public static string Next(Random random, int length)
    {
        var prefixes = new[] { "4", "51", "55", "37", "6011", "35" };
        var digits = prefixes[random.Next(prefixes.Length)].Select(c => c - '0').ToList();
        while (digits.Count < length - 1)
        {
            digits.Add(random.Next(10));
        }

        digits.Add(CheckDigit(digits));
        return string.Concat(digits);
    }

    public static string Format(string pan, int style) => style switch
    {
        1 => string.Join(' ', Chunks(pan, 4)),
        2 => string.Join('-', Chunks(pan, 4)),
        3 when pan.Length >= 15 => $"{pan[..4]} {pan[4..10]} {pan[10..]}",
        _ => pan,
    };

    /// <summary>Every Luhn-valid run of 13–19 digits (separators between groups allowed) left in <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Find(string text)
    {
        var found = new List<string>();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"\d(?:[ -]?\d){12,18}"))
        {
            var digits = new string(m.Value.Where(char.IsAsciiDigit).ToArray());
            for (var start = 0; start < digits.Length; start++)
            {
                for (var len = 13; len <= 19 && start + len <= digits.Length; len++)
                {
                    var candidate = digits.Substring(start, len);
                    if (CheckDigit(candidate[..^1].Select(c => c - '0').ToList()) == candidate[^1] - '0')
                    {
                        found.Add(candidate);
                    }
                }
            }
        }

        return found;
    }

    private static int CheckDigit(List<int> body)
    {
        var sum = 0;
        for (var i = 0; i < body.Count; i++)
        {
            var d = body[body.Count - 1 - i];
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return (10 - (sum % 10)) % 10;
    }

    private static IEnumerable<string> Chunks(string s, int size)
    {
        for (var i = 0; i < s.Length; i += size)
        {
            yield return s.Substring(i, Math.Min(size, s.Length - i));
        }
    }
}
