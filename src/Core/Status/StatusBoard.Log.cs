using Microsoft.Extensions.Logging;

namespace PosFleet.Status;

internal sealed partial class StatusBoard
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "A status board query named organization {Organization}, which the viewer may not see; it returned nothing.")]
        public static partial void OrganizationNotAllowed(ILogger logger, string organization);

        [LoggerMessage(2, LogLevel.Warning, "The target version '{Version}' of organization {Organization} is not a version; its terminals are not judged behind it.")]
        public static partial void UnreadableTarget(ILogger logger, string organization, string version);

        [LoggerMessage(3, LogLevel.Information, "The status board was exported to Excel: {Count} terminals.")]
        public static partial void Exported(ILogger logger, int count);
    }
}
