namespace PosFleet;

/// <summary>
/// A PosFleet store (logs, digests, and every store to come) cannot be opened or used as it is: the file or server is
/// not a PosFleet database, is corrupt, was written by a newer version, or cannot be written where it is. The message
/// names the store and says what to do; nothing was changed.
/// </summary>
public sealed class PosFleetStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PosFleetStorageException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    /// <param name="message">What is wrong, naming the store, and what to do.</param>
    public PosFleetStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    /// <param name="message">What is wrong, naming the store, and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public PosFleetStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
