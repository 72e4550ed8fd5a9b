namespace PosFleet.Logs.Scanning;

/// <summary>How far a scan has come.</summary>
/// <param name="BytesRead">Bytes read so far.</param>
/// <param name="BytesTotal">Bytes to read in all, when known (0 for standard input and compressed files).</param>
public readonly record struct LogScanProgress(long BytesRead, long BytesTotal);
