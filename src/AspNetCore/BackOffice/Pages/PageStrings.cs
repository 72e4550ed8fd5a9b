using System.Globalization;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>
/// The words of the status, actions and digests pages in the seeds' languages (English, Spanish, French, Italian), by
/// the request's UI culture (the host's request localization). In code, as the digests' strings are, so the package stays
/// one trimmable assembly; a culture without its own strings gets English.
/// </summary>
internal static partial class PageStrings
{
    private static readonly string[] Languages = ["en", "es", "fr", "it"];

    /// <summary>The words of <paramref name="culture"/>'s language (English when it has none).</summary>
    public static PageWords For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var index = Array.IndexOf(Languages, culture.TwoLetterISOLanguageName);
        return new PageWords(index < 0 ? 0 : index, culture);
    }

    /// <summary>The texts of one language.</summary>
    internal readonly record struct PageWords(int Index, CultureInfo Culture)
    {
        /// <summary>The text of <paramref name="key"/>; the key itself when there is none.</summary>
        public string this[string key] => Strings.TryGetValue(key, out var texts) ? texts[Index] : key;

        public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

        /// <summary>A remote action's name as the pages show it (the name itself when it is not a built-in one).</summary>
        public string ActionName(string name) => Strings.ContainsKey("Act_" + name) ? this["Act_" + name] : name;
    }
}
