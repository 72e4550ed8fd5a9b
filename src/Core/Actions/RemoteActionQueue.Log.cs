using Microsoft.Extensions.Logging;

namespace PosFleet.Actions;

internal sealed partial class RemoteActionQueue
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Queued remote action {ActionId} '{Name}' for terminal {TerminalId} (collapsed into an identical pending one: {Collapsed}).")]
        public static partial void Queued(ILogger logger, Guid actionId, string name, string terminalId, bool collapsed);
    }
}
