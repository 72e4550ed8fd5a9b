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

    public static string Language(CultureInfo culture) =>
        Array.IndexOf(Languages, culture.TwoLetterISOLanguageName) >= 0 ? culture.TwoLetterISOLanguageName : "en";

    /// <summary>The text of <paramref name="key"/> in the current UI culture's language; the key itself when there is none.</summary>
    public static string Get(string key)
    {
        if (!Strings.TryGetValue(key, out var texts))
        {
            return key;
        }

        var index = Array.IndexOf(Languages, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        return texts[index < 0 ? 0 : index];
    }

    public static string Format(string key, object? argument) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), argument);

    public static string Format(string key, object? first, object? second) =>
        string.Format(CultureInfo.CurrentCulture, Get(key), first, second);

    /// <summary>A remote action's name as the pages show it (the name itself when it is not a built-in one).</summary>
    public static string ActionName(string name) => Strings.ContainsKey("Act_" + name) ? Get("Act_" + name) : name;

    /// <summary>Small, phone-friendly, no external resource: the back office may have no internet.</summary>
    public const string Css =
        "body{font:15px/1.4 system-ui,sans-serif;margin:0;color:#1b1b1b}nav{background:#1f4e78;padding:.5rem 1rem}nav a{color:#fff;margin-right:1rem}"
        + "main{padding:1rem;max-width:100rem}form.filters,form.subscription{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin-bottom:1rem}"
        + "form.subscription{display:grid;grid-template-columns:minmax(8rem,max-content) minmax(12rem,32rem);max-width:48rem}"
        + "form.subscription fieldset,form.subscription p,form.subscription .check,form.subscription .field-problems,form.subscription small{grid-column:1/-1}"
        + "fieldset{border:1px solid #ccc}.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem .4rem;text-align:left;vertical-align:top}"
        + "tr.h-red td{background:#ffc7ce}tr.h-yellow td{background:#ffeb9c}tr.h-grey td{background:#d9d9d9}tr.h-green td{background:#c6efce}"
        + "td.error,.error{word-break:break-word}.problem,.field-problems{color:#9c0006}.warning{background:#ffeb9c;padding:.5rem}.notice{background:#c6efce;padding:.5rem}"
        + "button.danger{background:#9c0006;color:#fff;border:0;padding:.3rem .6rem}a.button{border:1px solid #1f4e78;padding:.2rem .6rem}pre{white-space:pre-wrap;max-width:40rem}"
        + "[aria-invalid=true]{border:2px solid #9c0006}.row-actions form{display:inline}details form{display:flex;flex-direction:column;gap:.3rem}";
}
