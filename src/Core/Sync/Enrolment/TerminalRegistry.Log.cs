using Microsoft.Extensions.Logging;

namespace PosFleet.Sync.Enrolment;

internal sealed partial class TerminalRegistry
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Terminal {TerminalId} was enrolled in organization {Organization}; a credential issued to it before no longer works.")]
        public static partial void Enrolled(ILogger logger, string terminalId, string organization);

        [LoggerMessage(2, LogLevel.Information, "The credential of terminal {TerminalId} was revoked.")]
        public static partial void Revoked(ILogger logger, string terminalId);
    }
}
