namespace PosFleet.Logs.Scanning;

/// <summary>An input that was read.</summary>
/// <param name="Source">The file path, or <c>-</c> for standard input.</param>
/// <param name="Format">The name of the format it was read in.</param>
/// <param name="Lines">How many lines it had.</param>
/// <param name="Bytes">How many bytes it had (uncompressed).</param>
public sealed record ScannedSource(string Source, string Format, long Lines, long Bytes);
