using System.Diagnostics;
using PosFleet.Diagnostics;

namespace PosFleet.Logs.Scanning;

internal sealed partial class LogScanner
{
    public async Task<LogScanSummary> ScanAsync(LogScanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = PosFleetInstruments.Source.StartActivity("posfleet.scan");
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        string? error = null;
        try
        {
            var summary = await ScanUnmeasuredAsync(request, cancellationToken).ConfigureAwait(false);
            outcome = "ok";
            PosFleetInstruments.ScanLines.Add(summary.Lines);
            activity?.SetTag("posfleet.scan.lines", summary.Lines);
            activity?.SetTag("posfleet.scan.bytes", summary.Bytes);
            activity?.SetTag("posfleet.scan.malformed_lines", summary.MalformedLines);
            return summary;
        }
        catch (OperationCanceledException)
        {
            outcome = "canceled";
            throw;
        }
        catch (Exception ex)
        {
            error = PosFleetInstruments.ErrorTypeOf(ex);
            PosFleetInstruments.Fail(activity, error);
            throw;
        }
        finally
        {
            PosFleetInstruments.ScanDuration.Record(PosFleetInstruments.SecondsSince(started), PosFleetInstruments.Tags(error, "posfleet.outcome", outcome));
        }
    }
}
