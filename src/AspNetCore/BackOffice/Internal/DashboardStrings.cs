using System.Globalization;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>The words of the dashboard (seed 001) in the seeds' four languages.</summary>
internal sealed record DashboardStrings
{
    /// <summary>{0} hours, {1} start, {2} end.</summary>
    public required string Window { get; init; }

    public required string Chart { get; init; }

    /// <summary>{0} the hour, {1} successes, {2} alerts, {3} errors.</summary>
    public required string HourTitle { get; init; }

    public required string OpenReports { get; init; }

    public required string TopTemplates { get; init; }

    public required string Message { get; init; }

    public required string Kind { get; init; }

    public required string Count { get; init; }

    public required string Terminals { get; init; }

    public required string LastSeen { get; init; }

    public required string WhatToDo { get; init; }

    public required string KnowledgeBase { get; init; }

    public required string BusiestTerminals { get; init; }

    public required string Terminal { get; init; }

    public required string Errors { get; init; }

    public required string ContactSupport { get; init; }

    /// <summary>{0} terminal, {1} organization.</summary>
    public required string SupportSubject { get; init; }

    /// <summary>{0} terminal, {1} organization, {2} the error, {3} how many times, {4} last seen.</summary>
    public required string SupportBody { get; init; }

    public required string Nothing { get; init; }

    /// <summary>{0} how many more terminals had errors.</summary>
    public required string MoreTerminals { get; init; }

    public static DashboardStrings For(CultureInfo culture) => BackOfficeLanguage.Pick(culture, English, Spanish, French, Italian);

    public static DashboardStrings English { get; } = new()
    {
        Window = "The last {0} hours, from {1} to {2}",
        Chart = "Success, alerts and errors per hour",
        HourTitle = "{0}: {1} success, {2} alerts, {3} errors",
        OpenReports = "Open the reports",
        TopTemplates = "Most frequent errors and alerts",
        Message = "Message",
        Kind = "Kind",
        Count = "Count",
        Terminals = "Terminals",
        LastSeen = "Last seen",
        WhatToDo = "What to do",
        KnowledgeBase = "Knowledge base",
        BusiestTerminals = "Terminals with the most errors",
        Terminal = "Terminal",
        Errors = "Errors",
        ContactSupport = "Contact support",
        SupportSubject = "Support request: terminal {0} ({1})",
        SupportBody = "Terminal: {0}\nOrganization: {1}\nError: {2}\nSeen {3} times, last at {4}.\n\nWhat I tried:\n",
        Nothing = "Nothing in this window.",
        MoreTerminals = "… and {0} more terminals with errors.",
    };

    public static DashboardStrings Spanish { get; } = new()
    {
        Window = "Las últimas {0} horas, del {1} al {2}",
        Chart = "Correctos, alertas y errores por hora",
        HourTitle = "{0}: {1} correctos, {2} alertas, {3} errores",
        OpenReports = "Abrir los informes",
        TopTemplates = "Errores y alertas más frecuentes",
        Message = "Mensaje",
        Kind = "Tipo",
        Count = "Número",
        Terminals = "Terminales",
        LastSeen = "Última vez",
        WhatToDo = "Qué hacer",
        KnowledgeBase = "Base de conocimiento",
        BusiestTerminals = "Terminales con más errores",
        Terminal = "Terminal",
        Errors = "Errores",
        ContactSupport = "Contactar con soporte",
        SupportSubject = "Solicitud de soporte: terminal {0} ({1})",
        SupportBody = "Terminal: {0}\nOrganización: {1}\nError: {2}\nVisto {3} veces, la última el {4}.\n\nLo que he probado:\n",
        Nothing = "Nada en este periodo.",
        MoreTerminals = "… y {0} terminales más con errores.",
    };

    public static DashboardStrings French { get; } = new()
    {
        Window = "Les {0} dernières heures, du {1} au {2}",
        Chart = "Succès, alertes et erreurs par heure",
        HourTitle = "{0} : {1} succès, {2} alertes, {3} erreurs",
        OpenReports = "Ouvrir les rapports",
        TopTemplates = "Erreurs et alertes les plus fréquentes",
        Message = "Message",
        Kind = "Type",
        Count = "Nombre",
        Terminals = "Terminaux",
        LastSeen = "Dernière fois",
        WhatToDo = "Que faire",
        KnowledgeBase = "Base de connaissance",
        BusiestTerminals = "Terminaux avec le plus d'erreurs",
        Terminal = "Terminal",
        Errors = "Erreurs",
        ContactSupport = "Contacter l'assistance",
        SupportSubject = "Demande d'assistance : terminal {0} ({1})",
        SupportBody = "Terminal : {0}\nOrganisation : {1}\nErreur : {2}\nVue {3} fois, la dernière le {4}.\n\nCe que j'ai essayé :\n",
        Nothing = "Rien sur cette période.",
        MoreTerminals = "… et {0} autres terminaux avec des erreurs.",
    };

    public static DashboardStrings Italian { get; } = new()
    {
        Window = "Le ultime {0} ore, dal {1} al {2}",
        Chart = "Successi, avvisi ed errori per ora",
        HourTitle = "{0}: {1} successi, {2} avvisi, {3} errori",
        OpenReports = "Apri i report",
        TopTemplates = "Errori e avvisi più frequenti",
        Message = "Messaggio",
        Kind = "Tipo",
        Count = "Numero",
        Terminals = "Terminali",
        LastSeen = "Ultima volta",
        WhatToDo = "Cosa fare",
        KnowledgeBase = "Base di conoscenza",
        BusiestTerminals = "Terminali con più errori",
        Terminal = "Terminale",
        Errors = "Errori",
        ContactSupport = "Contatta l'assistenza",
        SupportSubject = "Richiesta di assistenza: terminale {0} ({1})",
        SupportBody = "Terminale: {0}\nOrganizzazione: {1}\nErrore: {2}\nVisto {3} volte, l'ultima il {4}.\n\nCosa ho provato:\n",
        Nothing = "Niente in questo periodo.",
        MoreTerminals = "… e altri {0} terminali con errori.",
    };
}
