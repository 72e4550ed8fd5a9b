namespace PosFleet.Actions;

/// <summary>
/// A chunk of a file a terminal uploads for an action (the archive of retrieve-logs). The back office keeps a chunk
/// that starts where the stored bytes end, acknowledges one it already holds, and refuses one past a gap, so an
/// upload cut at any point resumes from the last acknowledged offset.
/// </summary>
public sealed record RemoteActionUploadChunk
{
    /// <summary>Where the chunk starts in the file.</summary>
    public required long Offset { get; init; }

    /// <summary>The chunk's bytes (base64 in JSON).</summary>
    public required byte[] Data { get; init; }

    /// <summary>The whole file's length.</summary>
    public required long TotalLength { get; init; }
}
