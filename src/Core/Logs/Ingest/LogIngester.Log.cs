using Microsoft.Extensions.Logging;

namespace PosFleet.Logs.Ingest;

internal sealed partial class LogIngester
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Ingest of {Source} started at its first line.")]
        public static partial void SourceStarted(ILogger logger, string source);

        [LoggerMessage(2, LogLevel.Information, "Ingest of {Source} resumed from its checkpoint after line {Line} (byte {Offset}).")]
        public static partial void SourceResumed(ILogger logger, string source, long line, long offset);

        [LoggerMessage(3, LogLevel.Information, "{Source} is another file than the one ingested before (rotated or replaced): it is read from its start.")]
        public static partial void SourceRotated(ILogger logger, string source);

        [LoggerMessage(4, LogLevel.Information, "{Source} is shorter than its checkpoint ({Offset} bytes) or its first bytes changed (truncated): it is read from its start.")]
        public static partial void SourceTruncated(ILogger logger, string source, long offset);

        [LoggerMessage(5, LogLevel.Debug, "Ingest of {Source} committed {Entries} entries ({NewEntries} new) up to line {Line} (byte {Offset}).")]
        public static partial void BatchCommitted(ILogger logger, string source, int entries, int newEntries, long line, long offset);

        [LoggerMessage(6, LogLevel.Warning, "Ingest skipped {Count} malformed line(s); the first at {Position}.")]
        public static partial void MalformedLines(ILogger logger, long count, string position);

        [LoggerMessage(7, LogLevel.Warning, "Ingest could not read {Source}: {Reason}")]
        public static partial void SourceFailed(ILogger logger, string source, string reason);

        [LoggerMessage(8, LogLevel.Information, "Ingest finished: {Sources} source(s), {Lines} lines read, {NewEntries} new entries stored, {Malformed} malformed, {Errors} unreadable input(s), canceled: {Canceled}.")]
        public static partial void Finished(ILogger logger, int sources, long lines, long newEntries, long malformed, int errors, bool canceled);

        [LoggerMessage(10, LogLevel.Warning, "Rule {Rule}: its pattern ran past its time limit ({PatternTimeout}) on {Lines} line(s), stored without that rule's classification.")]
        public static partial void PatternTimedOut(ILogger logger, string rule, long lines, TimeSpan patternTimeout);

        [LoggerMessage(9, LogLevel.Error, "Ingest stopped: the store failed; what was committed before stays stored.")]
        public static partial void StoreFailed(ILogger logger, Exception exception);

        [LoggerMessage(10, LogLevel.Warning, "Ingest skipped {Source}: {Reason}.")]
        public static partial void SourceSkipped(ILogger logger, string source, string reason);

        [LoggerMessage(11, LogLevel.Warning, "Ingest skipped {Count} over-long line(s), never stored; the first at {Position}.")]
        public static partial void OverLongLines(ILogger logger, long count, string position);
    }
}
