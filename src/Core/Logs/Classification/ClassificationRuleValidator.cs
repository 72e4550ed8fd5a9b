using System.Globalization;
using System.Text.RegularExpressions;

namespace PosFleet.Logs.Classification;

/// <summary>
/// Checks rules when they are loaded, so that every mistake in a rule is one <see cref="InvalidDataException"/>
/// that names the rule and says the fix, before a line is read.
/// </summary>
internal static class ClassificationRuleValidator
{
    private const int MaxOriginLength = 100;

    private const RegexOptions PatternOptions = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking;

    /// <summary>
    /// Compiles a rule's pattern with the linear-time engine: a pattern's cost per line grows with the line, never
    /// exponentially (<c>(a+)+$</c> included).
    /// </summary>
    public static Regex CompilePattern(string pattern, TimeSpan timeout) => new(pattern, PatternOptions, timeout);

    /// <summary>Checks one rule; <paramref name="where"/> says where it was declared.</summary>
    public static void Validate(ClassificationRule rule, string where)
    {
        if (string.IsNullOrWhiteSpace(rule.Name))
        {
            throw new InvalidDataException($"{where}: the rule has no name: give it a short \"name\" such as 'printer-paper-out'.");
        }

        // A tab too: harmless on a terminal (DisplayText prints it as it is), but a name is one word of a table's cell.
        if (rule.Name.Contains('\t', StringComparison.Ordinal) || DisplayText.NeedsEscaping(rule.Name))
        {
            throw new InvalidDataException(
                $"{where}: the rule's name '{Printable(rule.Name).Replace("\t", "\\u0009", StringComparison.Ordinal)}' contains control characters or bidirectional formatting characters: use letters, digits and dashes such as 'printer-paper-out'.");
        }

        where = $"{where} ('{rule.Name}')";
        if (rule.Keywords?.Any(string.IsNullOrEmpty) == true)
        {
            throw new InvalidDataException($"{where}: an empty keyword would match every line: remove it.");
        }

        if (rule.Keywords is { Count: 0 })
        {
            throw new InvalidDataException($"{where}: \"keywords\" is empty, so the rule could never match: list at least one keyword or remove \"keywords\".");
        }

        if (rule.Pattern is not null)
        {
            ValidatePattern(rule, where);
        }

        ValidateOrigin(rule.Origin, where);
        ValidateHints(rule, where);
        ValidateKnowledgeBaseUrl(rule.KnowledgeBaseUrl?.OriginalString, rule.KnowledgeBaseUrl, where);
        if (rule.Levels is null && rule.Components is null && rule.Keywords is null)
        {
            throw new InvalidDataException($"{where}: the rule has no condition and would match every line: set \"levels\", \"components\" or \"keywords\".");
        }
    }

    /// <summary>
    /// Accepts an absolute <c>http</c>, <c>https</c> or <c>mailto</c> URL: the link is rendered in the HTML digest, where
    /// <c>javascript:</c>, <c>data:</c> or a relative address would be a hazard or a dead link.
    /// </summary>
    public static Uri? ParseKnowledgeBaseUrl(string? text, string where)
    {
        if (text is null)
        {
            return null;
        }

        _ = Uri.TryCreate(text, UriKind.Absolute, out var uri);
        ValidateKnowledgeBaseUrl(text, uri, where);
        return uri;
    }

    private static void ValidateKnowledgeBaseUrl(string? text, Uri? uri, string where)
    {
        if (text is null && uri is null)
        {
            return;
        }

        var ok = uri is { IsAbsoluteUri: true }
            && (((uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host) && !text!.StartsWith('/'))
                || (uri.Scheme == Uri.UriSchemeMailto && uri.UserInfo.Length > 0));
        if (!ok)
        {
            throw new InvalidDataException(
                $"{where}: \"knowledgeBaseUrl\" '{Printable(text ?? uri!.ToString())}' is not an absolute http, https or mailto URL: "
                + "write the article's full address, such as 'https://kb.example.com/printer-offline'.");
        }
    }

    private static void ValidateOrigin(string? origin, string where)
    {
        if (origin is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(origin) || origin.Length > MaxOriginLength || DisplayText.NeedsEscaping(origin))
        {
            throw new InvalidDataException(
                $"{where}: \"origin\" '{Printable(origin)}' must be plain text of 1 to {MaxOriginLength} characters without control or bidirectional formatting characters: "
                + "name the device or layer at fault, such as 'fiscal printer', or remove \"origin\".");
        }
    }

    private static void ValidatePattern(ClassificationRule rule, string where)
    {
        if (rule.Keywords is not { Count: > 0 })
        {
            throw new InvalidDataException(
                $"{where}: a \"pattern\" needs \"keywords\": the pattern runs only on lines that contain one of them, so list the literal words it looks for.");
        }

        try
        {
            _ = CompilePattern(rule.Pattern!, Regex.InfiniteMatchTimeout);
        }
        catch (NotSupportedException ex)
        {
            // Backreferences, lookarounds, atomic groups, conditionals and the like: constructs whose matching time has no
            // linear bound, which the linear engine refuses; the runtime's message names the construct.
            throw new InvalidDataException(
                $"{where}: the \"pattern\" uses a construct that rules do not allow, because its matching time has no bound: {ex.Message} "
                + "Rewrite it without backreferences (\\1, \\k<name>), lookarounds ((?=…), (?!…), (?<=…), (?<!…)), atomic groups ((?>…)) or conditionals; "
                + "the rule's keywords already narrow the lines it runs on.",
                ex);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{where}: the \"pattern\" is not a valid regular expression: {ex.Message}", ex);
        }
    }

    private static void ValidateHints(ClassificationRule rule, string where)
    {
        if (rule.LocalizedHints is not { Count: > 0 } hints)
        {
            return;
        }

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

    /// <summary>A value quoted in a message, with control characters shown as escapes rather than sent to a terminal.</summary>
    public static string Printable(string value) => DisplayText.Escape(value);
}
