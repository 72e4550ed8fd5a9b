using System.Globalization;

namespace PosFleet.Digests.Rendering;

/// <summary>
/// The words of a digest in the seeds' languages. Kept in code rather than satellite resource assemblies so that
/// the package stays one trimmable, AOT-friendly assembly; a culture without its own strings falls back to English.
/// </summary>
internal sealed record DigestStrings
{
    public required string Language { get; init; }

    // Strings with a count hold "singular|plural" forms; see Plural.

    /// <summary>{0} name, {1} count, {2} window start, {3} window end.</summary>
    public required string Subject { get; init; }

    public required string TestPrefix { get; init; }

    public required string TestNotice { get; init; }

    /// <summary>{0} count, {1} kinds, {2} start, {3} end, {4} time zone, {5} threshold.</summary>
    public required string Summary { get; init; }

    public required string Scope { get; init; }

    public required string ByTemplate { get; init; }

    /// <summary>{0} count.</summary>
    public required string Times { get; init; }

    public required string FirstSeen { get; init; }

    public required string LastSeen { get; init; }

    public required string Terminals { get; init; }

    public required string Example { get; init; }

    public required string Hint { get; init; }

    public required string KnowledgeBase { get; init; }

    /// <summary>{0} entries not listed.</summary>
    public required string AndMore { get; init; }

    public required string ByTerminal { get; init; }

    /// <summary>{0} terminals not listed.</summary>
    public required string AndMoreTerminals { get; init; }

    public required string NoErrors { get; init; }

    public required string UnknownTerminal { get; init; }

    public required string Footer { get; init; }

    /// <summary>
    /// Picks the singular or plural form of <paramref name="forms"/> (<c>one|other</c>) for <paramref name="n"/> and
    /// formats it: French counts 0 and 1 as singular, the other languages only 1.
    /// </summary>
    public string Plural(string forms, long n, params object[] args)
    {
        var bar = forms.IndexOf('|', StringComparison.Ordinal);
        var one = n == 1 || (n == 0 && Language == "fr");
        var form = bar < 0 ? forms : one ? forms[..bar] : forms[(bar + 1)..];
        return string.Format(CultureInfo.InvariantCulture, form, args);
    }

    public static DigestStrings For(CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            switch (c.TwoLetterISOLanguageName)
            {
                case "es": return Spanish;
                case "fr": return French;
                case "it": return Italian;
                case "en": return English;
            }
        }

        return English;
    }

    public static DigestStrings English { get; } = new()
    {
        Language = "en",
        Subject = "{0}: {1} error from {2} to {3}|{0}: {1} errors from {2} to {3}",
        TestPrefix = "[TEST] ",
        TestNotice = "This is a test digest: it is sent whatever the count and does not replace the daily digest.",
        Summary = "{0} error ({1}) from {2} to {3} ({4}); the threshold is {5}.|{0} errors ({1}) from {2} to {3} ({4}); the threshold is {5}.",
        Scope = "Scope",
        ByTemplate = "Errors by message",
        Times = "once|{0} times",
        FirstSeen = "First seen",
        LastSeen = "Last seen",
        Terminals = "Terminals",
        Example = "Example",
        Hint = "What to do",
        KnowledgeBase = "Knowledge base",
        AndMore = "… and {0} more error of other messages.|… and {0} more errors of other messages.",
        ByTerminal = "By terminal",
        AndMoreTerminals = "… and {0} more terminal.|… and {0} more terminals.",
        NoErrors = "No errors in this window.",
        UnknownTerminal = "(unknown terminal)",
        Footer = "Sent by PosFleet error follow-up.",
    };

    public static DigestStrings Spanish { get; } = new()
    {
        Language = "es",
        Subject = "{0}: {1} error del {2} al {3}|{0}: {1} errores del {2} al {3}",
        TestPrefix = "[PRUEBA] ",
        TestNotice = "Este es un resumen de prueba: se envía sea cual sea el número de errores y no sustituye al resumen diario.",
        Summary = "{0} error ({1}) del {2} al {3} ({4}); el umbral es {5}.|{0} errores ({1}) del {2} al {3} ({4}); el umbral es {5}.",
        Scope = "Ámbito",
        ByTemplate = "Errores por mensaje",
        Times = "{0} vez|{0} veces",
        FirstSeen = "Primera vez",
        LastSeen = "Última vez",
        Terminals = "Terminales",
        Example = "Ejemplo",
        Hint = "Qué hacer",
        KnowledgeBase = "Base de conocimiento",
        AndMore = "… y {0} error más de otros mensajes.|… y {0} errores más de otros mensajes.",
        ByTerminal = "Por terminal",
        AndMoreTerminals = "… y {0} terminal más.|… y {0} terminales más.",
        NoErrors = "No hay errores en este periodo.",
        UnknownTerminal = "(terminal desconocido)",
        Footer = "Enviado por el seguimiento de errores de PosFleet.",
    };

    public static DigestStrings French { get; } = new()
    {
        Language = "fr",
        Subject = "{0} : {1} erreur du {2} au {3}|{0} : {1} erreurs du {2} au {3}",
        TestPrefix = "[TEST] ",
        TestNotice = "Ceci est un récapitulatif de test : il est envoyé quel que soit le nombre d'erreurs et ne remplace pas le récapitulatif quotidien.",
        Summary = "{0} erreur ({1}) du {2} au {3} ({4}) ; le seuil est de {5}.|{0} erreurs ({1}) du {2} au {3} ({4}) ; le seuil est de {5}.",
        Scope = "Périmètre",
        ByTemplate = "Erreurs par message",
        Times = "{0} fois|{0} fois",
        FirstSeen = "Première fois",
        LastSeen = "Dernière fois",
        Terminals = "Terminaux",
        Example = "Exemple",
        Hint = "Que faire",
        KnowledgeBase = "Base de connaissances",
        AndMore = "… et {0} erreur de plus d'autres messages.|… et {0} erreurs de plus d'autres messages.",
        ByTerminal = "Par terminal",
        AndMoreTerminals = "… et {0} terminal de plus.|… et {0} terminaux de plus.",
        NoErrors = "Aucune erreur sur cette période.",
        UnknownTerminal = "(terminal inconnu)",
        Footer = "Envoyé par le suivi des erreurs de PosFleet.",
    };

    public static DigestStrings Italian { get; } = new()
    {
        Language = "it",
        Subject = "{0}: {1} errore dal {2} al {3}|{0}: {1} errori dal {2} al {3}",
        TestPrefix = "[PROVA] ",
        TestNotice = "Questo è un riepilogo di prova: viene inviato qualunque sia il numero di errori e non sostituisce il riepilogo giornaliero.",
        Summary = "{0} errore ({1}) dal {2} al {3} ({4}); la soglia è {5}.|{0} errori ({1}) dal {2} al {3} ({4}); la soglia è {5}.",
        Scope = "Ambito",
        ByTemplate = "Errori per messaggio",
        Times = "una volta|{0} volte",
        FirstSeen = "Prima volta",
        LastSeen = "Ultima volta",
        Terminals = "Terminali",
        Example = "Esempio",
        Hint = "Cosa fare",
        KnowledgeBase = "Knowledge base",
        AndMore = "… e un altro errore di altri messaggi.|… e altri {0} errori di altri messaggi.",
        ByTerminal = "Per terminale",
        AndMoreTerminals = "… e un altro terminale.|… e altri {0} terminali.",
        NoErrors = "Nessun errore in questo periodo.",
        UnknownTerminal = "(terminale sconosciuto)",
        Footer = "Inviato dal monitoraggio errori di PosFleet.",
    };
}
