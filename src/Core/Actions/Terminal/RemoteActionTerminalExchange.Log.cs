using Microsoft.Extensions.Logging;

namespace PosFleet.Actions.Terminal;

internal sealed partial class RemoteActionTerminalExchange
{
    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Warning, "The back office refused the report on remote action {ActionId} and acknowledged it, so it is not sent again: {Reason}")]
        public static partial void Refused(ILogger logger, Guid actionId, string reason);
    }
}
