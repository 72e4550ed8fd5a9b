namespace PosFleet.Digests;

/// <summary>
/// A careful, allocation-light check of the addresses people type: <c>local@domain</c> or <c>Name &lt;local@domain&gt;</c>,
/// with a dot-atom local part and a domain of letter-digit-hyphen labels (or an address literal). Quoted local parts
/// and comments are refused: a digest recipient never needs them, and refusing them keeps the rule explainable.
/// </summary>
internal static class EmailAddressSyntax
{
    private const string AtomSpecials = "!#$%&'*+-/=?^_`{|}~";

    public static bool TryNormalize(string text, out string address)
    {
        address = "";
        var s = text.Trim();
        var open = s.LastIndexOf('<');
        if (open >= 0)
        {
            if (!s.EndsWith('>') || s.IndexOf('>') != s.Length - 1)
            {
                return false;
            }

            var display = s[..open].Trim().Trim('"');
            if (display.Contains('<') || display.Contains('@') && !s[..open].TrimStart().StartsWith('"'))
            {
                return false;
            }

            var inner = s[(open + 1)..^1].Trim();
            if (!IsAddress(inner))
            {
                return false;
            }

            address = display.Length == 0 ? inner : $"{display} <{inner}>";
            return true;
        }

        if (!IsAddress(s))
        {
            return false;
        }

        address = s;
        return true;
    }

    /// <summary>The bare address of a normalized recipient (<c>Ana &lt;ana@example.es&gt;</c> → <c>ana@example.es</c>).</summary>
    public static string BareAddress(string recipient)
    {
        var open = recipient.LastIndexOf('<');
        return open >= 0 && recipient.EndsWith('>') ? recipient[(open + 1)..^1].Trim() : recipient.Trim();
    }

    private static bool IsAddress(string s)
    {
        if (s.Length is 0 or > 254)
        {
            return false;
        }

        var at = s.LastIndexOf('@');
        if (at <= 0 || at == s.Length - 1 || at > 64)
        {
            return false;
        }

        return IsDotAtom(s.AsSpan(0, at)) && IsDomain(s.AsSpan(at + 1));
    }

    private static bool IsDotAtom(ReadOnlySpan<char> local)
    {
        if (local[0] == '.' || local[^1] == '.')
        {
            return false;
        }

        for (var i = 0; i < local.Length; i++)
        {
            var c = local[i];
            if (c == '.')
            {
                if (local[i - 1] == '.')
                {
                    return false;
                }
            }
            else if (!(char.IsAsciiLetterOrDigit(c) || AtomSpecials.Contains(c) || c > 127 && !char.IsWhiteSpace(c) && !char.IsControl(c)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        if (domain[0] == '[')
        {
            return domain[^1] == ']' && System.Net.IPAddress.TryParse(domain[1..^1].ToString().Replace("IPv6:", "", StringComparison.OrdinalIgnoreCase), out _);
        }

        if (domain.Length > 253)
        {
            return false;
        }

        var labels = 0;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c > 127 && char.IsLetterOrDigit(c)))
                {
                    return false;
                }
            }

            labels++;
        }

        // "localhost"-style single labels are allowed only for test servers; a bare word is more often a typo.
        return labels >= 2 || domain.Equals("localhost", StringComparison.OrdinalIgnoreCase);
    }
}
