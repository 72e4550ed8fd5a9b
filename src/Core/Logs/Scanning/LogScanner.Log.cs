using Microsoft.Extensions.Logging;

namespace PosFleet.Logs.Scanning;

internal sealed partial class LogScanner
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Rule {Rule}: its pattern ran past its time limit ({PatternTimeout}) on {Lines} line(s), which were not matched by that rule.")]
        public static partial void PatternTimedOut(ILogger logger, string rule, long lines, TimeSpan patternTimeout);
    }
}
