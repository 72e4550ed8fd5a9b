using System.Diagnostics;
using PosFleet.Diagnostics;

namespace PosFleet.Digests;

internal sealed partial class DigestRunner
{
    /// <summary>One run, traced and timed by its outcome (a run that threw is recorded as <c>error</c>).</summary>
    private async ValueTask<DigestRunResult> RunAsync(DigestSubscription? subscription, DigestRunKey key, DigestTrigger trigger, CancellationToken cancellationToken)
    {
        using var activity = PosFleetInstruments.Source.StartActivity("posfleet.digest.run");
        activity?.SetTag("posfleet.digest.subscription", key.SubscriptionId);
        activity?.SetTag("posfleet.digest.trigger", trigger.ToString());
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        string? error = null;
        try
        {
            var result = await RunUnmeasuredAsync(subscription, key, trigger, cancellationToken).ConfigureAwait(false);
            outcome = Name(result.Outcome);
            activity?.SetTag("posfleet.digest.outcome", outcome);
            if (result.Outcome is DigestRunOutcome.Failed or DigestRunOutcome.PartiallySent)
            {
                error = outcome;
                PosFleetInstruments.Fail(activity, error);
            }

            return result;
        }
        catch (Exception ex)
        {
            error = PosFleetInstruments.ErrorTypeOf(ex);
            PosFleetInstruments.Fail(activity, error);
            throw;
        }
        finally
        {
            PosFleetInstruments.DigestRunDuration.Record(PosFleetInstruments.SecondsSince(started), PosFleetInstruments.Tags(error, "posfleet.digest.outcome", outcome));
        }
    }

    private static string Name(DigestRunOutcome outcome) => outcome switch
    {
        DigestRunOutcome.Sent => "sent",
        DigestRunOutcome.PartiallySent => "partially_sent",
        DigestRunOutcome.BelowThreshold => "below_threshold",
        DigestRunOutcome.Pending => "pending",
        DigestRunOutcome.Failed => "failed",
        DigestRunOutcome.Skipped => "skipped",
        _ => "unknown",
    };
}
