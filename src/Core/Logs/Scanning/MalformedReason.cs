namespace PosFleet.Logs.Scanning;

/// <summary>Why a line could not be read as a log entry.</summary>
public enum MalformedReason
{
    /// <summary>The line has no timestamp where its format puts one.</summary>
    MissingTimestamp,

    /// <summary>The timestamp could not be read (an impossible date, a garbled field).</summary>
    GarbledTimestamp,

    /// <summary>The line is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The line contains NUL bytes.</summary>
    NulBytes,

    /// <summary>The input ended in the middle of the line (no final newline).</summary>
    Truncated,
}
