using PosFleet.Logs.Scanning;

namespace PosFleet.Logs.Ingest;

/// <summary>What one <see cref="ILogIngester.IngestAsync"/> reads.</summary>
public sealed class LogIngestRequest
{
    /// <summary>Files, file-name patterns (<c>/var/log/pos/till-*.log</c>), or directories read recursively (the files matching <see cref="LogIngestOptions.DirectoryGlob"/>).</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>The options of this ingest; <see langword="null"/> for those configured (<c>services.Configure&lt;LogIngestOptions&gt;</c>).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public LogIngestOptions? Options { get; init; }

    /// <summary>Receives the bytes read as the ingest goes.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IProgress<LogScanProgress>? Progress { get; init; }
}
