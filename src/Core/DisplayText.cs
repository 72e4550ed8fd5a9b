using System.Buffers;
using System.Text;

namespace PosFleet;

/// <summary>
/// Makes untrusted text (a log line, a terminal id, a rule's hint, a file name) safe to print on a terminal, in a
/// plain-text e-mail or in a page: every character that would drive a terminal (an escape sequence, a bell, a line
/// break that forges a line) or reorder the text around it (a bidirectional override) is written as a visible escape.
/// </summary>
/// <remarks>
/// <para>
/// Escaped: the C0 controls except tab (U+0000–U+0008, U+000A–U+001F, so line feeds and carriage returns too), DEL
/// (U+007F), the C1 controls (U+0080–U+009F, which some terminals obey like ESC sequences) and the bidirectional
/// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). Each becomes <c>\u</c> and four lowercase hex
/// digits: ESC is shown as <c>\u001b</c>, BEL as <c>\u0007</c>, a line feed as <c>\u000a</c>, RIGHT-TO-LEFT OVERRIDE as
/// <c>\u202e</c>. Everything else, backslashes included, is printed as it is, so escaped text reads like the JSON
/// output's strings.
/// </para>
/// <para>JSON output needs none of this: its writer already escapes control characters, and the bidirectional ones
/// are written as <c>\uXXXX</c> by its default encoder.</para>
/// </remarks>
public static class DisplayText
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(UnsafeCharacters());

    /// <summary>Whether <paramref name="c"/> is one that <see cref="Escape"/> writes as an escape.</summary>
    /// <param name="c">The character.</param>
    /// <returns><see langword="true"/> for a control character other than tab, or a bidirectional formatting character.</returns>
    public static bool IsUnsafe(char c) => Unsafe.Contains(c);

    /// <summary>Whether <paramref name="text"/> holds a character that <see cref="Escape"/> would change.</summary>
    /// <param name="text">The text, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when printing the text raw could drive a terminal or reorder what is shown.</returns>
    public static bool NeedsEscaping(string? text) => text is not null && text.AsSpan().ContainsAny(Unsafe);

    /// <summary>The text with each unsafe character written as <c>\uXXXX</c>; the same string when it has none.</summary>
    /// <param name="text">The text, or <see langword="null"/> (written as the empty string).</param>
    /// <returns>Text that is safe to print.</returns>
    public static string Escape(string? text)
    {
        if (text is null)
        {
            return "";
        }

        var first = text.AsSpan().IndexOfAny(Unsafe);
        if (first < 0)
        {
            return text;
        }

        var b = new StringBuilder(text.Length + 16);
        b.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (Unsafe.Contains(c))
            {
                b.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                b.Append(c);
            }
        }

        return b.ToString();
    }

    /// <summary>
    /// <paramref name="address"/> as listings, logs and pages show it: scheme, host, port and path, percent-escaped (so
    /// nothing in it drives a terminal). Its user
    /// information, query and fragment are left out, since a signed URL or a password travels there.
    /// </summary>
    /// <param name="address">The address.</param>
    /// <returns>Such as <c>https://packages.example.com/pos/35.1.zip</c> for <c>https://u:p@packages.example.com/pos/35.1.zip?sig=…</c>.</returns>
    public static string Address(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsAbsoluteUri
            ? address.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : "(a relative address)";
    }

    /// <summary>Whether <paramref name="address"/> carries user information or a query, where a secret may travel.</summary>
    /// <param name="address">The address.</param>
    /// <returns><see langword="true"/> when <see cref="Address"/> would leave something out other than a fragment.</returns>
    public static bool HasCredentials(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsAbsoluteUri && (address.UserInfo.Length > 0 || address.Query.Length > 0);
    }

    private static string UnsafeCharacters()
    {
        var b = new StringBuilder();
        for (var c = '\0'; c <= '\u009f'; c++)
        {
            if (char.IsControl(c) && c != '\t')
            {
                b.Append(c);
            }
        }

        return b.Append("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069").ToString();
    }
}
