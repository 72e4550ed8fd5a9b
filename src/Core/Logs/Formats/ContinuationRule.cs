namespace PosFleet.Logs.Formats;

/// <summary>Which lines of a file continue the entry above them, by the file's layout (<see cref="ContinuationLine.RuleOf"/>).</summary>
internal enum ContinuationRule : byte
{
    /// <summary>Entries do not start with a timestamp (plain text): every line is an entry of its own.</summary>
    None = 0,

    /// <summary>Lines that start with a blank, and the lines of a stack trace that start at the margin.</summary>
    StackTraces,

    /// <summary>
    /// As <see cref="StackTraces"/>, and java.util.logging's second line (<c>SEVERE: message</c>): only in a file whose
    /// entries start with java.util.logging's header, so that another layout's <c>INFO: …</c> line is an entry of its own.
    /// </summary>
    JavaLogging,

    /// <summary>
    /// <c>wevtutil qe … /f:text</c>: every line up to the next <c>Event[N]:</c>, blank lines included (a description
    /// may hold them).
    /// </summary>
    EventBlocks,
}
