using System.Globalization;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>The words of the reports page (seed 001) in the seeds' four languages.</summary>
internal sealed record ReportsStrings
{
    public required string Search { get; init; }

    public required string Reference { get; init; }

    public required string Severity { get; init; }

    public required string Kind { get; init; }

    public required string Terminal { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    public required string Any { get; init; }

    public required string Apply { get; init; }

    public required string Clear { get; init; }

    public required string Time { get; init; }

    /// <summary>The column of the part of the till's software that wrote the line (<c>LogEntry.Component</c>), not a rule's origin.</summary>
    public required string Component { get; init; }

    public required string Message { get; init; }

    public required string WhatToDo { get; init; }

    public required string Next { get; init; }

    public required string First { get; init; }

    public required string NoEntries { get; init; }

    /// <summary>{0} the field's value.</summary>
    public required string BadTime { get; init; }

    public required string OneTemplate { get; init; }

    public static ReportsStrings For(CultureInfo culture) => BackOfficeLanguage.Pick(culture, English, Spanish, French, Italian);

    public static ReportsStrings English { get; } = new()
    {
        Search = "Message", Reference = "Reference", Severity = "Level", Kind = "Kind", Terminal = "Terminal", From = "From", To = "To",
        Any = "Any", Apply = "Search", Clear = "Clear", Time = "Time", Component = "Component", Message = "Message", WhatToDo = "What to do",
        Next = "Older entries →", First = "← Newest entries", NoEntries = "No entries match these filters.",
        BadTime = "'{0}' is not a date and time; it was left out.", OneTemplate = "Entries of one message only.",
    };

    public static ReportsStrings Spanish { get; } = new()
    {
        Search = "Mensaje", Reference = "Referencia", Severity = "Nivel", Kind = "Tipo", Terminal = "Terminal", From = "Desde", To = "Hasta",
        Any = "Cualquiera", Apply = "Buscar", Clear = "Limpiar", Time = "Hora", Component = "Componente", Message = "Mensaje", WhatToDo = "Qué hacer",
        Next = "Entradas anteriores →", First = "← Entradas más recientes", NoEntries = "Ninguna entrada coincide con estos filtros.",
        BadTime = "'{0}' no es una fecha y hora; no se ha tenido en cuenta.", OneTemplate = "Solo las entradas de un mensaje.",
    };

    public static ReportsStrings French { get; } = new()
    {
        Search = "Message", Reference = "Référence", Severity = "Niveau", Kind = "Type", Terminal = "Terminal", From = "Du", To = "Au",
        Any = "Tous", Apply = "Rechercher", Clear = "Effacer", Time = "Heure", Component = "Composant", Message = "Message", WhatToDo = "Que faire",
        Next = "Entrées plus anciennes →", First = "← Entrées les plus récentes", NoEntries = "Aucune entrée ne correspond à ces filtres.",
        BadTime = "« {0} » n'est pas une date et une heure ; il n'a pas été pris en compte.", OneTemplate = "Les entrées d'un seul message.",
    };

    public static ReportsStrings Italian { get; } = new()
    {
        Search = "Messaggio", Reference = "Riferimento", Severity = "Livello", Kind = "Tipo", Terminal = "Terminale", From = "Dal", To = "Al",
        Any = "Qualsiasi", Apply = "Cerca", Clear = "Azzera", Time = "Ora", Component = "Componente", Message = "Messaggio", WhatToDo = "Cosa fare",
        Next = "Voci precedenti →", First = "← Voci più recenti", NoEntries = "Nessuna voce corrisponde a questi filtri.",
        BadTime = "'{0}' non è una data e un'ora; non è stato considerato.", OneTemplate = "Solo le voci di un messaggio.",
    };
}
