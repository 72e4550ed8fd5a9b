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

    public static string Truncate(string? text, int max) =>
        text is null || text.Length <= max ? text! : string.Concat(text.AsSpan(0, Math.Max(0, max - 14)), " … [truncated]");
}
