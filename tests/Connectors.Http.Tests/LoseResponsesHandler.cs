namespace PosFleet.Connectors.Http.Tests;

/// <summary>
/// Cuts the connection after the back office answered, so the terminal never sees the response although the back
/// office committed: the lost-response case of the exchange. Loses the first <see cref="State.ToLose"/> responses.
/// </summary>
internal sealed class LoseResponsesHandler(LoseResponsesHandler.State state) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Interlocked.Decrement(ref state.ToLose) >= 0)
        {
            response.Dispose();
            Interlocked.Increment(ref state.Lost);
            throw new HttpRequestException("The connection was reset before the response arrived.");
        }

        return response;
    }

    internal sealed class State(int toLose)
    {
#pragma warning disable SA1401, CA1051 // fields, for Interlocked
        public int ToLose = toLose;
        public int Lost;
#pragma warning restore SA1401, CA1051
    }
}
