namespace PosFleet.Fuzz;

/// <summary>An input broke an invariant of a fuzz target; the message says which one, and where.</summary>
internal sealed class BrokenInvariantException : Exception
{
    public BrokenInvariantException()
    {
    }

    public BrokenInvariantException(string message)
        : base(message)
    {
    }

    public BrokenInvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
