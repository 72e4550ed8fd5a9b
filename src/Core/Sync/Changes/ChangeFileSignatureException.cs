namespace PosFleet.Sync.Changes;

/// <summary>
/// A change batch file was refused for its signature — changed after it was signed, signed by another key than the
/// one configured, or not signed — before anything of it was imported. The message says which and what to do.
/// </summary>
public sealed class ChangeFileSignatureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChangeFileSignatureException()
        : base("The change file's signature was refused; nothing was imported.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the signature, and what to do.</param>
    public ChangeFileSignatureException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the signature, and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public ChangeFileSignatureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
