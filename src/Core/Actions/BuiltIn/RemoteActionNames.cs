namespace PosFleet.Actions.BuiltIn;

/// <summary>
/// The names of the built-in remote actions (seeds 001 and 004). The engine implements <see cref="RetrieveLogs"/> and
/// <see cref="ResetDatabase"/>; the others are names a connector host implements with
/// <c>AddActionHandler&lt;T&gt;(name)</c>, so that every back office and terminal call them the same. A terminal without a
/// handler for a name rejects the action, saying so.
/// </summary>
public static class RemoteActionNames
{
    /// <summary>Imports one order again from the shop into the ERP. Parameter <c>order</c>: the order's id.</summary>
    public const string ReimportOrder = "reimport-order";

    /// <summary>Clears the connector's cache.</summary>
    public const string ClearCache = "clear-cache";

    /// <summary>Diagnostic: products the shop sells that the ERP does not know (and the reverse).</summary>
    public const string DiagnoseMissingProducts = "diagnose-missing-products";

    /// <summary>Diagnostic: the VAT configuration (rates and their mapping between the shop and the ERP).</summary>
    public const string DiagnoseVatConfiguration = "diagnose-vat-configuration";

    /// <summary>Diagnostic: duplicate customers. Parameter <c>mode</c>: <c>simple</c> (same e-mail) or <c>complete</c> (name, address, phone too).</summary>
    public const string DiagnoseDuplicateCustomers = "diagnose-duplicate-customers";

    /// <summary>Diagnostic: price grids (missing, overlapping or inconsistent prices).</summary>
    public const string DiagnosePriceGrids = "diagnose-price-grids";

    /// <summary>Cleans up the price grids the diagnostic found inconsistent.</summary>
    public const string CleanUpPriceGrids = "clean-up-price-grids";

    /// <summary>Takes the connector out of safe mode (the mode it entered after repeated errors).</summary>
    public const string LeaveSafeMode = "leave-safe-mode";

    /// <summary>
    /// Engine: packs the terminal's log lines of a period into a gzip archive no larger than a maximum (the newest kept
    /// when it must cut), card numbers masked, and uploads it. Parameters <c>from</c> and <c>to</c> (ISO 8601
    /// instants; default the last 24 hours) and <c>max-bytes</c> (default 10 MB).
    /// </summary>
    public const string RetrieveLogs = "retrieve-logs";

    /// <summary>
    /// Engine: empties the terminal's synced tables and its change checkpoint, so that the next exchange brings a full
    /// export. Rejected while the outbox holds unsent messages.
    /// </summary>
    public const string ResetDatabase = "reset-database";

    /// <summary>The names a connector host implements (seed 001's list).</summary>
    public static IReadOnlyList<string> HostImplemented { get; } =
    [
        ReimportOrder, ClearCache, DiagnoseMissingProducts, DiagnoseVatConfiguration, DiagnoseDuplicateCustomers,
        DiagnosePriceGrids, CleanUpPriceGrids, LeaveSafeMode,
    ];
}
