using PosFleet.Logs;

namespace PosFleet.Digests.Rendering;

/// <summary>The words of the seeds' four languages.</summary>
internal sealed partial record DigestStrings
{
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
        AndMoreTerminals = "… and {0} more terminal.|… and {0} more terminals.",
        NoErrors = "No errors in this window.",
        UnknownTerminal = "(unknown terminal)",
        Footer = "Sent by PosFleet error follow-up.",
        ByTerminal = "Busiest terminals",
        TestBadge = "TEST",
        Errors = "error|errors",
        Threshold = "Threshold",
        Total = "Total",
        Terminal = "Terminal",
        TerminalCount = "{0} terminal|{0} terminals",
        NamesAndMore = "{0} and {1} more|{0} and {1} more",
        Kinds = new Dictionary<LogKind, string>
        {
            [LogKind.Error] = "Errors",
            [LogKind.Fail] = "Failures",
            [LogKind.Offline] = "Offline",
            [LogKind.Retry] = "Retries",
        },
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
        AndMoreTerminals = "… y {0} terminal más.|… y {0} terminales más.",
        NoErrors = "No hay errores en este periodo.",
        UnknownTerminal = "(terminal desconocido)",
        Footer = "Enviado por el seguimiento de errores de PosFleet.",
        ByTerminal = "Terminales con más errores",
        TestBadge = "PRUEBA",
        Errors = "error|errores",
        Threshold = "Umbral",
        Total = "Total",
        Terminal = "Terminal",
        TerminalCount = "{0} terminal|{0} terminales",
        NamesAndMore = "{0} y {1} más|{0} y {1} más",
        Kinds = new Dictionary<LogKind, string>
        {
            [LogKind.Error] = "Errores",
            [LogKind.Fail] = "Fallos",
            [LogKind.Offline] = "Sin conexión",
            [LogKind.Retry] = "Reintentos",
        },
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
        AndMoreTerminals = "… et {0} terminal de plus.|… et {0} terminaux de plus.",
        NoErrors = "Aucune erreur sur cette période.",
        UnknownTerminal = "(terminal inconnu)",
        Footer = "Envoyé par le suivi des erreurs de PosFleet.",
        ByTerminal = "Terminaux les plus touchés",
        TestBadge = "TEST",
        Errors = "erreur|erreurs",
        Threshold = "Seuil",
        Total = "Total",
        Terminal = "Terminal",
        TerminalCount = "{0} terminal|{0} terminaux",
        NamesAndMore = "{0} et {1} de plus|{0} et {1} de plus",
        Kinds = new Dictionary<LogKind, string>
        {
            [LogKind.Error] = "Erreurs",
            [LogKind.Fail] = "Échecs",
            [LogKind.Offline] = "Hors ligne",
            [LogKind.Retry] = "Nouvelles tentatives",
        },
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
        AndMoreTerminals = "… e un altro terminale.|… e altri {0} terminali.",
        NoErrors = "Nessun errore in questo periodo.",
        UnknownTerminal = "(terminale sconosciuto)",
        Footer = "Inviato dal monitoraggio errori di PosFleet.",
        ByTerminal = "Terminali con più errori",
        TestBadge = "PROVA",
        Errors = "errore|errori",
        Threshold = "Soglia",
        Total = "Totale",
        Terminal = "Terminale",
        TerminalCount = "{0} terminale|{0} terminali",
        NamesAndMore = "{0} e un altro|{0} e altri {1}",
        Kinds = new Dictionary<LogKind, string>
        {
            [LogKind.Error] = "Errori",
            [LogKind.Fail] = "Fallimenti",
            [LogKind.Offline] = "Offline",
            [LogKind.Retry] = "Tentativi",
        },
    };
}
