using System.Diagnostics;
using PosFleet.Diagnostics;

namespace PosFleet.Sync.Exchange;

internal sealed partial class SyncExchangeHandler
{
    public async ValueTask<SyncExchangeResult> HandleAsync(string? credential, SyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = PosFleetInstruments.Source.StartActivity("posfleet.sync.exchange", ActivityKind.Server);
        activity?.SetTag("posfleet.terminal.id", request.TerminalId);
        var started = Stopwatch.GetTimestamp();
        var status = "error";
        string? error = null;
        try
        {
            var result = await HandleCoreAsync(credential, request, cancellationToken).ConfigureAwait(false);
            status = StatusOf(result);
            if (result.Response is { } response)
            {
                CountMessages(response, request.Outbox.Count);
            }

            activity?.SetTag("posfleet.sync.status", status);
            return result;
        }
        catch (Exception ex)
        {
            // Only the back office's own failure is an error of this server span: a terminal refused, unauthorized or
            // sending a bad request got its answer, as an HTTP server span leaves a 4xx unset.
            error = PosFleetInstruments.ErrorTypeOf(ex);
            PosFleetInstruments.Fail(activity, error);
            throw;
        }
        finally
        {
            PosFleetInstruments.ExchangeDuration.Record(PosFleetInstruments.SecondsSince(started), PosFleetInstruments.Tags(error, "posfleet.sync.status", status));
        }
    }

    private static string StatusOf(SyncExchangeResult result) => result.Status switch
    {
        SyncExchangeStatus.Ok when result.Response?.Refusal is not null => "refused",
        SyncExchangeStatus.Ok => "ok",
        SyncExchangeStatus.Unauthorized => "unauthorized",
        SyncExchangeStatus.Forbidden => "forbidden",
        SyncExchangeStatus.BadRequest => "bad_request",
        _ => "error",
    };

    private static void CountMessages(SyncResponse response, int sent)
    {
        var rejected = response.Rejected.Count;
        var acknowledged = response.Acknowledged.Count;
        Add("acknowledged", acknowledged);
        Add("rejected", rejected);
        Add("held_back", sent - acknowledged - rejected);

        static void Add(string outcome, long count)
        {
            if (count > 0)
            {
                PosFleetInstruments.ExchangeMessages.Add(count, new KeyValuePair<string, object?>("posfleet.sync.message.outcome", outcome));
            }
        }
    }
}
