using Microsoft.Extensions.Logging;

namespace PosFleet.Status;

internal sealed partial class TerminalStatusRecorder
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "The status of terminal {TerminalId} could not be recorded; the exchange went on.")]
        public static partial void RecordFailed(ILogger logger, string terminalId, Exception exception);
    }
}
