using System.Diagnostics;
using PosFleet.Diagnostics;

namespace PosFleet.Logs.Ingest;

internal sealed partial class LogIngester
{
    public async Task<LogIngestSummary> IngestAsync(LogIngestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = PosFleetInstruments.Source.StartActivity("posfleet.ingest");
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        string? error = null;
        try
        {
            var summary = await IngestUnmeasuredAsync(request, cancellationToken).ConfigureAwait(false);
            outcome = summary.Canceled ? "canceled" : summary.Errors.Count > 0 ? "partial" : "ok";
            PosFleetInstruments.IngestLines.Add(summary.LinesRead);
            PosFleetInstruments.IngestMalformedLines.Add(summary.MalformedLines);
            activity?.SetTag("posfleet.ingest.lines", summary.LinesRead);
            activity?.SetTag("posfleet.ingest.entries", summary.NewEntries);
            activity?.SetTag("posfleet.ingest.malformed_lines", summary.MalformedLines);
            if (outcome == "partial")
            {
                // Some files could not be read: what was read is committed, the rest waits for the next ingest.
                error = outcome;
                PosFleetInstruments.Fail(activity, error);
            }

            return summary;
        }
        catch (Exception ex)
        {
            error = PosFleetInstruments.ErrorTypeOf(ex);
            PosFleetInstruments.Fail(activity, error);
            throw;
        }
        finally
        {
            PosFleetInstruments.IngestDuration.Record(PosFleetInstruments.SecondsSince(started), PosFleetInstruments.Tags(error, "posfleet.outcome", outcome));
        }
    }
}
