namespace PosFleet.Logs;

/// <summary>How a back office colours a log line: green, orange or red.</summary>
public enum LogSeverity : byte
{
    /// <summary>An operation that succeeded, or plain information.</summary>
    Success = 0,

    /// <summary>An anomaly that does not block the terminal (usually).</summary>
    Alert = 1,

    /// <summary>An error that must be corrected.</summary>
    Error = 2,
}
