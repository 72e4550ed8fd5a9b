using PosFleet.Logs.Classification;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// Reads activity logs (files, rotated <c>.gz</c> files, directories, standard input) and turns them into classified,
/// grouped, counted entries. Registered by <c>AddPosFleet</c> (configure it with <c>AddLogs</c>).
/// </summary>
public interface ILogScanner
{
    /// <summary>The classification rules in the order they are evaluated.</summary>
    IReadOnlyList<ClassificationRule> Rules { get; }

    /// <summary>
    /// Scans the request's inputs. A large file is memory-mapped, split at line boundaries and scanned on every core;
    /// the partial results merge into exactly what a single-core scan gives. With <see cref="LogScanRequest.OnEntry"/>,
    /// the inputs are read in order on one core and each line is handed over as a <see cref="LogEntry"/>.
    /// </summary>
    /// <param name="request">What to read, what to select, and who receives progress and entries.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>What the scan found.</returns>
    Task<LogScanSummary> ScanAsync(LogScanRequest request, CancellationToken cancellationToken = default);
}
