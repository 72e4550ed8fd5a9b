namespace PosFleet.Logs.Scanning;

/// <summary>Thrown when scan options or classification rules are invalid; the message names the option and the fix.</summary>
public sealed class LogScanOptionsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LogScanOptionsException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public LogScanOptionsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public LogScanOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
