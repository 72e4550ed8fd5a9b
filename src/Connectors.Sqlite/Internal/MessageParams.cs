using System.Text;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// Stores a message as its template's variable parts: "ticket closed ref=T-1 total=3.50" under the template
/// "ticket closed ref=&lt;*&gt; total=&lt;*&gt;" is kept as "T-1␟3.50". Used only when the template and parts give the
/// message back exactly; otherwise the message is stored whole.
/// </summary>
internal static class MessageParams
{
    private const string Wildcard = "<*>";
    private const char Separator = '\u001F';

    public static string? TrySplit(string message, string template)
    {
        if (template.Length == 0 || message.Contains(Separator, StringComparison.Ordinal))
        {
            return null;
        }

        var literals = template.Split(Wildcard);
        if (!message.StartsWith(literals[0], StringComparison.Ordinal))
        {
            return null;
        }

        var parts = new StringBuilder();
        var at = literals[0].Length;
        for (var i = 1; i < literals.Length; i++)
        {
            var literal = literals[i];
            int next;
            if (i == literals.Length - 1)
            {
                next = message.Length - literal.Length;
                if (next < at || !message.AsSpan(next).SequenceEqual(literal))
                {
                    return null;
                }
            }
            else
            {
                next = literal.Length == 0 ? at : message.IndexOf(literal, at, StringComparison.Ordinal);
                if (next < 0)
                {
                    return null;
                }
            }

            if (i > 1)
            {
                parts.Append(Separator);
            }

            parts.Append(message, at, next - at);
            at = next + literal.Length;
        }

        if (literals.Length == 1 && message.Length != template.Length)
        {
            return null;
        }

        var split = parts.ToString();
        return Join(template, split) == message ? split : null;
    }

    public static string Join(string template, string parts)
    {
        if (parts.Length == 0 && !template.Contains(Wildcard, StringComparison.Ordinal))
        {
            return template;
        }

        var literals = template.Split(Wildcard);
        var values = parts.Split(Separator);
        if (values.Length != literals.Length - 1)
        {
            // Not written by TrySplit: show what there is rather than fail the whole query.
            return template;
        }

        var message = new StringBuilder(literals[0]);
        for (var i = 1; i < literals.Length; i++)
        {
            message.Append(values[i - 1]).Append(literals[i]);
        }

        return message.ToString();
    }
}
