using System.Collections.Frozen;

namespace PosFleet.Logs.Classification;

/// <summary>The rules that ship in the box: known POS errors with their remediation hints, and network-loss messages.</summary>
public static class DefaultClassificationRules
{
    private static Uri Kb(string article) => new($"https://kb.posfleet.dev/{article}");

    // The seeds' languages besides English.
    private static FrozenDictionary<string, string> Translations(string spanish, string french, string italian) =>
        new Dictionary<string, string> { ["es"] = spanish, ["fr"] = french, ["it"] = italian }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every built-in rule, in evaluation order.</summary>
    public static IReadOnlyList<ClassificationRule> All { get; } =
    [
        new()
        {
            Name = "printer-offline",
            Keywords = ["printer not responding", "printer offline", "printer unreachable"],
            Kind = LogKind.Offline,
            Hint = "Check the printer's power and network cable, then print a test ticket from the terminal.",
            LocalizedHints = Translations("Compruebe la alimentación y el cable de red de la impresora y luego imprima un ticket de prueba desde el terminal.",
                "Vérifiez l'alimentation et le câble réseau de l'imprimante, puis imprimez un ticket de test depuis le terminal.",
                "Controllare l'alimentazione e il cavo di rete della stampante, poi stampare uno scontrino di prova dal terminale."),
            KnowledgeBaseUrl = Kb("printer-offline"),
        },
        new()
        {
            Name = "network-lost",
            Keywords = ["no internet", "internet connection appears to be offline", "network is unreachable", "host unreachable",
                "unreachable", "connection reset", "connection refused", "network down", "not connected to the internet"],
            Kind = LogKind.Offline,
            Hint = "The terminal lost its network: check the router and the terminal's Wi-Fi or cable; tickets are kept and sent when it is back.",
            LocalizedHints = Translations("El terminal ha perdido la red: revise el router y el wifi o el cable del terminal; los tickets se guardan y se envían cuando vuelva.",
                "Le terminal a perdu le réseau : vérifiez le routeur et le Wi-Fi ou le câble du terminal ; les tickets sont conservés et envoyés à son retour.",
                "Il terminale ha perso la rete: controllare il router e il Wi-Fi o il cavo del terminale; gli scontrini vengono conservati e inviati al ritorno."),
            KnowledgeBaseUrl = Kb("network-lost"),
        },
        new()
        {
            Name = "printer-paper-out",
            Keywords = ["paper out", "out of paper"],
            Kind = LogKind.Fail,
            Hint = "Load a new paper roll in the printer and reprint the last ticket.",
            LocalizedHints = Translations("Cargue un rollo de papel nuevo en la impresora y vuelva a imprimir el último ticket.",
                "Chargez un nouveau rouleau de papier dans l'imprimante et réimprimez le dernier ticket.",
                "Inserire un nuovo rotolo di carta nella stampante e ristampare l'ultimo scontrino."),
            KnowledgeBaseUrl = Kb("printer-paper-out"),
        },
        new()
        {
            Name = "payment-declined",
            Keywords = ["payment declined", "card declined"],
            Kind = LogKind.Fail,
            Hint = "The bank declined the payment: ask the customer for another means of payment.",
            LocalizedHints = Translations("El banco ha rechazado el pago: pida al cliente otro medio de pago.",
                "La banque a refusé le paiement : demandez au client un autre moyen de paiement.",
                "La banca ha rifiutato il pagamento: chiedere al cliente un altro metodo di pagamento."),
            KnowledgeBaseUrl = Kb("payment-declined"),
        },
        new()
        {
            Name = "sync-timeout",
            Keywords = ["timed out", "timeout"],
            // Every error- and warning-class level of the layouts read, syslog's and Java's included.
            Levels = ["ERROR", "ERR", "E", "FATAL", "FTL", "F", "CRITICAL", "CRIT", "ALERT", "EMERG", "EMERGENCY", "SEVERE", "A", "FAIL", "RETRY", "WARN", "WARNING", "WRN", "W"],
            Kind = LogKind.Retry,
            Hint = "A call to the back office timed out and will be retried; if it keeps happening, check the terminal's connection quality.",
            LocalizedHints = Translations("Una llamada al back office ha excedido el tiempo y se reintentará; si se repite, revise la calidad de la conexión del terminal.",
                "Un appel au back-office a expiré et sera retenté ; si cela se répète, vérifiez la qualité de la connexion du terminal.",
                "Una chiamata al back office è scaduta e verrà ritentata; se si ripete, controllare la qualità della connessione del terminale."),
            KnowledgeBaseUrl = Kb("sync-timeout"),
        },
        new()
        {
            Name = "database-locked",
            Keywords = ["database is locked", "disk full", "no space left"],
            Kind = LogKind.Error,
            Hint = "The terminal's local database could not be written: free disk space or restart the POS application.",
            LocalizedHints = Translations("No se ha podido escribir en la base de datos local del terminal: libere espacio en disco o reinicie la aplicación TPV.",
                "La base de données locale du terminal n'a pas pu être écrite : libérez de l'espace disque ou redémarrez l'application de caisse.",
                "Non è stato possibile scrivere nel database locale del terminale: liberare spazio su disco o riavviare l'applicazione di cassa."),
            KnowledgeBaseUrl = Kb("database-locked"),
        },
    ];
}
