namespace PosFleet.Benchmarks.OutboxKill;

/// <summary>
/// Cuts the terminal's connection at random (the benchmark only, with OUTBOX_KILL_CUTS): on a share of requests, half
/// fail before they are sent, half are sent and their response thrown away once the back office has committed.
/// It sits inside the transport's retries, so a cut is retried as a real network failure would be.
/// </summary>
internal sealed class ConnectionCuts(double probability, int seed) : DelegatingHandler
{
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        double draw;
        lock (_lock)
        {
            draw = _random.NextDouble();
        }

        if (draw < probability / 2)
        {
            Console.WriteLine("cut: before the request");
            throw new HttpRequestException("Connection cut before the request (outbox-kill).");
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (draw < probability)
        {
            // Read to the end first: the back office has answered, so it committed.
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            response.Dispose();
            Console.WriteLine("cut: after the response");
            throw new HttpRequestException("Connection cut after the back office answered (outbox-kill).");
        }

        return response;
    }
}
