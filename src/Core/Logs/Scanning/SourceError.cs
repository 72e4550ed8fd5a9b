namespace PosFleet.Logs.Scanning;

/// <summary>An input that could not be read.</summary>
/// <param name="Source">The file path.</param>
/// <param name="Message">What went wrong, in a sentence.</param>
public sealed record SourceError(string Source, string Message);
