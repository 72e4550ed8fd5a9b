namespace PosFleet.Logs.Scanning;

/// <summary>
/// A file or directory found while walking the inputs and deliberately not read: a symbolic link back to a directory
/// being walked, a file or directory already read under another path, or a FIFO, socket or device.
/// </summary>
/// <param name="Source">The path it was found at.</param>
/// <param name="Reason">Why it was not read: <c>symlink loop</c>, <c>already read as PATH</c>, <c>a FIFO (named pipe), not a regular file</c>.</param>
public sealed record SkippedSource(string Source, string Reason);
