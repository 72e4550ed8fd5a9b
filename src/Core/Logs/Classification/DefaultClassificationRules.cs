namespace PosFleet.Logs.Classification;

/// <summary>The rules that ship in the box: known POS errors with their remediation hints, and network-loss messages.</summary>
public static class DefaultClassificationRules
{
    private static Uri Kb(string article) => new($"https://kb.posfleet.dev/{article}");

    /// <summary>Every built-in rule, in evaluation order.</summary>
    public static IReadOnlyList<ClassificationRule> All { get; } =
    [
        new()
        {
            Name = "printer-offline",
            Keywords = ["printer not responding", "printer offline", "printer unreachable"],
            Kind = LogKind.Offline,
            Hint = "Check the printer's power and network cable, then print a test ticket from the terminal.",
            KnowledgeBaseUrl = Kb("printer-offline"),
        },
        new()
        {
            Name = "network-lost",
            Keywords = ["no internet", "internet connection appears to be offline", "network is unreachable", "host unreachable",
                "unreachable", "connection reset", "connection refused", "network down", "not connected to the internet"],
            Kind = LogKind.Offline,
            Hint = "The terminal lost its network: check the router and the terminal's Wi-Fi or cable; tickets are kept and sent when it is back.",
            KnowledgeBaseUrl = Kb("network-lost"),
        },
        new()
        {
            Name = "printer-paper-out",
            Keywords = ["paper out", "out of paper"],
            Kind = LogKind.Fail,
            Hint = "Load a new paper roll in the printer and reprint the last ticket.",
            KnowledgeBaseUrl = Kb("printer-paper-out"),
        },
        new()
        {
            Name = "payment-declined",
            Keywords = ["payment declined", "card declined"],
            Kind = LogKind.Fail,
            Hint = "The bank declined the payment: ask the customer for another means of payment.",
            KnowledgeBaseUrl = Kb("payment-declined"),
        },
        new()
        {
            Name = "sync-timeout",
            Keywords = ["timed out", "timeout"],
            Levels = ["ERROR", "ERR", "E", "FATAL", "FAIL", "RETRY", "WARN", "WARNING", "W"],
            Kind = LogKind.Retry,
            Hint = "A call to the back office timed out and will be retried; if it keeps happening, check the terminal's connection quality.",
            KnowledgeBaseUrl = Kb("sync-timeout"),
        },
        new()
        {
            Name = "database-locked",
            Keywords = ["database is locked", "disk full", "no space left"],
            Kind = LogKind.Error,
            Hint = "The terminal's local database could not be written: free disk space or restart the POS application.",
            KnowledgeBaseUrl = Kb("database-locked"),
        },
    ];
}
