using System.Globalization;

namespace PosFleet.Actions;

/// <summary>The reasons the engine records, written once for the stores and the runner.</summary>
internal static class RemoteActionText
{
    public static string ExpiredBeforeDelivery(DateTimeOffset expiresAt) =>
        string.Create(CultureInfo.InvariantCulture, $"Its time to live ended at {expiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z before the terminal exchanged: it was not delivered.");

    public static string ExpiredBeforeReport(DateTimeOffset expiresAt) =>
        string.Create(CultureInfo.InvariantCulture, $"Its time to live ended at {expiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z while it was delivered and its terminal had not reported it running: it is no longer run.");

    public static string UploadRefused(string reason) => $"upload refused: {reason}";

    /// <summary>Also for another terminal's or organization's action: whether it exists is not this terminal's to learn.</summary>
    public static string NotThisTerminals(Guid actionId) => $"the back office has no action {actionId:N} for this terminal";

    public static string CannotFollow(RemoteActionState reported, RemoteActionState held) => held switch
    {
        _ when !RemoteActionStates.IsReportable(reported) => $"a terminal reports Running or an outcome, not {reported}",
        RemoteActionState.Pending => $"the action is Pending in the back office (never delivered), so {reported} cannot follow it",
        _ when RemoteActionStates.IsDone(held) => $"the action is {held} in the back office (ended before it reached the terminal), so {reported} cannot follow it",
        _ => $"the action is {held} in the back office, so {reported} cannot follow it",
    };

    public static string Truncate(string? text, int max) =>
        text is null || text.Length <= max ? text! : string.Concat(text.AsSpan(0, Math.Max(0, max - 14)), " … [truncated]");
}
