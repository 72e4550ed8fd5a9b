using System.Globalization;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>
/// Picks the words of a page in the request's language, the way the digests do (DigestStrings in PosFleet.Core): the
/// strings are records in code, one per language of the seeds, rather than satellite resource assemblies, so the
/// package stays one trimmable, AOT-friendly assembly; a culture without its own strings falls back to English. Each
/// page keeps its own record of strings (DashboardStrings, ReportsStrings …) so pages grow without touching each other.
/// </summary>
internal static class BackOfficeLanguage
{
    /// <summary>The languages of the seeds, the first one the fallback.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["en", "es", "fr", "it"];

    /// <summary>The supported language of <paramref name="culture"/> or of a parent of it; <c>en</c> otherwise.</summary>
    public static string Of(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (Supported.Contains(c.TwoLetterISOLanguageName, StringComparer.Ordinal))
            {
                return c.TwoLetterISOLanguageName;
            }
        }

        return "en";
    }

    /// <summary>The one of the four records that is in <paramref name="culture"/>'s language.</summary>
    public static T Pick<T>(CultureInfo culture, T english, T spanish, T french, T italian) => Of(culture) switch
    {
        "es" => spanish,
        "fr" => french,
        "it" => italian,
        _ => english,
    };
}
