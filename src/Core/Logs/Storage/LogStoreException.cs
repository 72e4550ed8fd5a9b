namespace PosFleet.Logs.Storage;

/// <summary>
/// A log store cannot be opened or used as it is: the file is not a database, is corrupt, was written by a newer
/// version, or cannot be written where it is. The message names the file and says what to do; nothing was changed.
/// </summary>
public sealed class LogStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LogStoreException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    /// <param name="message">What is wrong, naming the file, and what to do.</param>
    public LogStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    /// <param name="message">What is wrong, naming the file, and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public LogStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
