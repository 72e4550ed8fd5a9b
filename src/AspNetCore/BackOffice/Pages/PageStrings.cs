using System.Globalization;
using PosFleet.AspNetCore.BackOffice.Internal;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>
/// The words of the status, actions and digests pages in the seeds' languages (English, Spanish, French, Italian), by
/// the request's UI culture (the host's request localization). In code, as the digests' strings are, so the package stays
/// one trimmable assembly; a culture without its own strings gets English.
/// </summary>
internal static partial class PageStrings
{
    /// <summary>The words of <paramref name="culture"/>'s language (English when it has none).</summary>
    public static PageWords For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        // The texts are in the order of BackOfficeLanguage.Supported, which Of always answers one of.
        var language = BackOfficeLanguage.Of(culture);
        var index = BackOfficeLanguage.Supported.Select((l, i) => (l, i)).First(x => x.l == language).i;
        return new PageWords(index, culture);
    }

    /// <summary>The texts of one language.</summary>
    internal readonly record struct PageWords(int Index, CultureInfo Culture)
    {
        /// <summary>
        /// The text of <paramref name="key"/> in this language; the English one when this language lacks it (a page
        /// reads in two languages rather than showing a key), and the key itself only when no language has it.
        /// </summary>
        public string this[string key] => Strings.TryGetValue(key, out var texts) ? Text(texts, Index) : key;

        /// <summary>The text at <paramref name="index"/>, or the English one (the first) when that one is missing or empty.</summary>
        internal static string Text(string[] texts, int index) =>
            index < texts.Length && !string.IsNullOrEmpty(texts[index]) ? texts[index] : texts[0];

        public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

        /// <summary>A remote action's name as the pages show it (the name itself when it is not a built-in one).</summary>
        public string ActionName(string name) => Strings.ContainsKey("Act_" + name) ? this["Act_" + name] : name;
    }
}
