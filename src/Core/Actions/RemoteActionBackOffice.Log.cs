using Microsoft.Extensions.Logging;

namespace PosFleet.Actions;

internal sealed partial class RemoteActionBackOffice
{
    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Warning, "Terminal {TerminalId} reported {State} on action {ActionId}, refused: {Reason}. Nothing was written; the report is acknowledged so that the terminal drops it.")]
        public static partial void Refused(ILogger logger, string terminalId, Guid actionId, RemoteActionState state, string reason);

        [LoggerMessage(11, LogLevel.Information, "Remote action {ActionId} of terminal {TerminalId}: {State} (attempt {Attempt}).")]
        public static partial void Reported(ILogger logger, Guid actionId, string terminalId, RemoteActionState state, int attempt);

        [LoggerMessage(12, LogLevel.Warning, "Remote action {ActionId} of terminal {TerminalId}: upload refused ({Reason}); the terminal is told to stop it.")]
        public static partial void UploadRefused(ILogger logger, Guid actionId, string terminalId, string reason);
    }
}
