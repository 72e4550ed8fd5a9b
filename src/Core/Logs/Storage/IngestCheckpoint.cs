namespace PosFleet.Logs.Storage;

/// <summary>How far a source has been ingested: its identity, the byte offset and line reached, and a fingerprint of its first bytes (to detect rotation and truncation).</summary>
/// <param name="Source">The file path or stream name.</param>
/// <param name="Offset">The byte offset just after the last ingested line.</param>
/// <param name="Line">The number of the last ingested line.</param>
/// <param name="Fingerprint">A hash of the source's first <c>min(1024, Offset)</c> bytes, so that a file replaced by another is read from its start.</param>
/// <param name="Identity">The file's identity (inode and birth time on Linux, volume and file index on Windows), when known.</param>
/// <param name="Generation">
/// How many times the source was found rotated or truncated and read again from its start. Lines of different
/// generations are different entries even when they have the same line number.
/// </param>
public sealed record IngestCheckpoint(string Source, long Offset, long Line, ulong Fingerprint, string? Identity = null, long Generation = 0);
