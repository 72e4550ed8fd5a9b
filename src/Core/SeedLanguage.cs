using System.Globalization;

namespace PosFleet;

/// <summary>
/// Picks the words of a culture among the seeds' four languages (English, Spanish, French, Italian), walking up its
/// parents (<c>es-MX</c> → <c>es</c>); a culture without its own words falls back to English. Digests and
/// notification templates keep their words in code this way, not in satellite resource assemblies, so that Core
/// stays one trimmable, AOT-friendly assembly.
/// </summary>
internal static class SeedLanguage
{
    public static T Pick<T>(CultureInfo? culture, T english, T spanish, T french, T italian)
    {
        for (var c = culture; c is not null && !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            switch (c.TwoLetterISOLanguageName)
            {
                case "es": return spanish;
                case "fr": return french;
                case "it": return italian;
                case "en": return english;
            }
        }

        return english;
    }
}
