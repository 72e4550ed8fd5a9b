namespace PosFleet.Notifications.Templates;

/// <summary>The words of the seeds' four languages.</summary>
internal sealed partial record NotificationStrings
{
    public static NotificationStrings English { get; } = new()
    {
        Language = "en",
        Created = "{0}: created in state “{1}”",
        Moved = "{0}: moved from “{1}” to “{2}”",
        Entered = "{0}: now in state “{1}”",
        Assigned = "{0}: assigned to you",
        Greeting = "Hello {0},",
        Item = "Item",
        State = "State",
        PreviousState = "Previous state",
        Open = "Open",
        Footer = "Sent by PosFleet notifications.",
        DigestSubject = "{0} notifications: {1}",
        DigestIntro = "{0} notifications, oldest first:",
        Kinds = Names("Intervention", "Terminal", "Remote action", "Package rollout", "Digest"),
    };

    public static NotificationStrings Spanish { get; } = new()
    {
        Language = "es",
        Created = "{0}: se ha creado en el estado «{1}»",
        Moved = "{0}: ha pasado de «{1}» a «{2}»",
        Entered = "{0}: ahora en el estado «{1}»",
        Assigned = "{0}: se te ha asignado",
        Greeting = "Hola, {0}:",
        Item = "Elemento",
        State = "Estado",
        PreviousState = "Estado anterior",
        Open = "Abrir",
        Footer = "Enviado por las notificaciones de PosFleet.",
        DigestSubject = "{0} notificaciones: {1}",
        DigestIntro = "{0} notificaciones, de la más antigua a la más reciente:",
        Kinds = Names("Intervención", "Terminal", "Acción remota", "Despliegue de paquete", "Resumen"),
    };

    public static NotificationStrings French { get; } = new()
    {
        Language = "fr",
        Created = "{0} : création à l'état « {1} »",
        Moved = "{0} : passage de « {1} » à « {2} »",
        Entered = "{0} : désormais à l'état « {1} »",
        Assigned = "{0} : nouvelle assignation pour vous",
        Greeting = "Bonjour {0},",
        Item = "Élément",
        State = "État",
        PreviousState = "État précédent",
        Open = "Ouvrir",
        Footer = "Envoyé par les notifications de PosFleet.",
        DigestSubject = "{0} notifications : {1}",
        DigestIntro = "{0} notifications, de la plus ancienne à la plus récente :",
        Kinds = Names("Intervention", "Terminal", "Action à distance", "Déploiement de paquet", "Récapitulatif"),
    };

    public static NotificationStrings Italian { get; } = new()
    {
        Language = "it",
        Created = "{0}: creazione nello stato «{1}»",
        Moved = "{0}: passaggio da «{1}» a «{2}»",
        Entered = "{0}: ora nello stato «{1}»",
        Assigned = "{0}: nuova assegnazione per te",
        Greeting = "Ciao {0},",
        Item = "Elemento",
        State = "Stato",
        PreviousState = "Stato precedente",
        Open = "Apri",
        Footer = "Inviato dalle notifiche di PosFleet.",
        DigestSubject = "{0} notifiche: {1}",
        DigestIntro = "{0} notifiche, dalla meno recente:",
        Kinds = Names("Intervento", "Terminale", "Azione remota", "Distribuzione del pacchetto", "Riepilogo"),
    };

    private static Dictionary<string, string> Names(string intervention, string terminal, string action, string rollout, string digest) =>
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["intervention"] = intervention,
            ["terminal"] = terminal,
            ["action"] = action,
            ["rollout"] = rollout,
            ["digest"] = digest,
        };
}
