using PosFleet.Logs;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>The shared words in the seeds' four languages.</summary>
internal sealed partial record BackOfficeStrings
{
    public static BackOfficeStrings English { get; } = new()
    {
        Language = "en",
        LanguageLabel = "Language",
        BadQuery = "This search cannot be run",
        Dashboard = "Dashboard",
        Reports = "Reports",
        Status = "Status",
        Actions = "Actions",
        Digests = "Digests",
        Notifications = "Notifications",
        UnreadNotifications = "Notifications: {0} unread",
        Organization = "Organization",
        Show = "Show",
        Forbidden = "Not allowed",
        ForbiddenDetail = "You may not see this organization: ask an administrator for the permission to set up its outlets.",
        FormExpired = "The form has expired",
        FormExpiredDetail = "The form was not accepted (it is too old or did not come from this page): open the page again and resend it.",
        TimesIn = "Times in {0}",
        Severities = new Dictionary<LogSeverity, string> { [LogSeverity.Success] = "Success", [LogSeverity.Alert] = "Alerts", [LogSeverity.Error] = "Errors" },
        Kinds = new Dictionary<LogKind, string> { [LogKind.None] = "Other", [LogKind.Error] = "Error", [LogKind.Fail] = "Failure", [LogKind.Offline] = "Offline", [LogKind.Retry] = "Retry" },
    };

    public static BackOfficeStrings Spanish { get; } = new()
    {
        Language = "es",
        LanguageLabel = "Idioma",
        BadQuery = "Esta búsqueda no se puede hacer",
        Dashboard = "Panel",
        Reports = "Informes",
        Status = "Estado",
        Actions = "Acciones",
        Digests = "Resúmenes",
        Notifications = "Notificaciones",
        UnreadNotifications = "Notificaciones: {0} sin leer",
        Organization = "Organización",
        Show = "Mostrar",
        Forbidden = "No permitido",
        ForbiddenDetail = "No puede ver esta organización: pida a un administrador el permiso de configurar sus puntos de venta.",
        FormExpired = "El formulario ha caducado",
        FormExpiredDetail = "El formulario no se aceptó (es demasiado antiguo o no viene de esta página): abra la página de nuevo y vuelva a enviarlo.",
        TimesIn = "Horas en {0}",
        Severities = new Dictionary<LogSeverity, string> { [LogSeverity.Success] = "Correctos", [LogSeverity.Alert] = "Alertas", [LogSeverity.Error] = "Errores" },
        Kinds = new Dictionary<LogKind, string> { [LogKind.None] = "Otro", [LogKind.Error] = "Error", [LogKind.Fail] = "Fallo", [LogKind.Offline] = "Sin conexión", [LogKind.Retry] = "Reintento" },
    };

    public static BackOfficeStrings French { get; } = new()
    {
        Language = "fr",
        LanguageLabel = "Langue",
        BadQuery = "Cette recherche ne peut pas être faite",
        Dashboard = "Tableau de bord",
        Reports = "Rapports",
        Status = "État",
        Actions = "Actions",
        Digests = "Synthèses",
        Notifications = "Notifications",
        UnreadNotifications = "Notifications : {0} non lues",
        Organization = "Organisation",
        Show = "Afficher",
        Forbidden = "Non autorisé",
        ForbiddenDetail = "Vous ne pouvez pas voir cette organisation : demandez à un administrateur le droit de configurer ses points de vente.",
        FormExpired = "Le formulaire a expiré",
        FormExpiredDetail = "Le formulaire n'a pas été accepté (il est trop ancien ou ne vient pas de cette page) : rouvrez la page et renvoyez-le.",
        TimesIn = "Heures en {0}",
        Severities = new Dictionary<LogSeverity, string> { [LogSeverity.Success] = "Succès", [LogSeverity.Alert] = "Alertes", [LogSeverity.Error] = "Erreurs" },
        Kinds = new Dictionary<LogKind, string> { [LogKind.None] = "Autre", [LogKind.Error] = "Erreur", [LogKind.Fail] = "Échec", [LogKind.Offline] = "Hors ligne", [LogKind.Retry] = "Nouvel essai" },
    };

    public static BackOfficeStrings Italian { get; } = new()
    {
        Language = "it",
        LanguageLabel = "Lingua",
        BadQuery = "Questa ricerca non può essere eseguita",
        Dashboard = "Cruscotto",
        Reports = "Report",
        Status = "Stato",
        Actions = "Azioni",
        Digests = "Riepiloghi",
        Notifications = "Notifiche",
        UnreadNotifications = "Notifiche: {0} non lette",
        Organization = "Organizzazione",
        Show = "Mostra",
        Forbidden = "Non consentito",
        ForbiddenDetail = "Non può vedere questa organizzazione: chieda a un amministratore il permesso di configurarne i punti vendita.",
        FormExpired = "Il modulo è scaduto",
        FormExpiredDetail = "Il modulo non è stato accettato (è troppo vecchio o non viene da questa pagina): riapra la pagina e lo invii di nuovo.",
        TimesIn = "Orari in {0}",
        Severities = new Dictionary<LogSeverity, string> { [LogSeverity.Success] = "Successi", [LogSeverity.Alert] = "Avvisi", [LogSeverity.Error] = "Errori" },
        Kinds = new Dictionary<LogKind, string> { [LogKind.None] = "Altro", [LogKind.Error] = "Errore", [LogKind.Fail] = "Fallimento", [LogKind.Offline] = "Offline", [LogKind.Retry] = "Nuovo tentativo" },
    };
}
