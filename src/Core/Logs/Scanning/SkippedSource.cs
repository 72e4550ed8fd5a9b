namespace PosFleet.Logs.Scanning;

/// <summary>
/// A file or directory found while walking the inputs and deliberately not read: a symbolic link back to a directory
/// being walked, a file or directory already read under another path, a FIFO, socket or device, or a file whose first
/// bytes say it is not text the scan reads (binary, a zip archive, lz4; for ingest, any compressed or UTF-16 file).
/// </summary>
/// <param name="Source">The path it was found at.</param>
/// <param name="Reason">
/// Why it was not read: <c>symlink loop</c>, <c>already read as PATH</c>, <c>a FIFO (named pipe), not a regular file</c>,
/// <c>binary (NUL bytes in its first 4 KiB), not text</c>, <c>a zip archive, not text</c>.
/// </param>
public sealed record SkippedSource(string Source, string Reason);
