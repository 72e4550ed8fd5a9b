namespace PosFleet.Connectors.Http.Tests;

/// <summary>
/// Cuts the connection after the back office answered, so the terminal never sees the response although the back
/// office committed: the lost-response case of the exchange. Lets the first <see cref="State.ToPass"/> responses through,
/// then loses the next <see cref="State.ToLose"/>.
/// </summary>
internal sealed class LoseResponsesHandler(LoseResponsesHandler.State state) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Interlocked.Decrement(ref state.ToPass) < 0 && Interlocked.Decrement(ref state.ToLose) >= 0)
        {
            response.Dispose();
            Interlocked.Increment(ref state.Lost);
            throw new HttpRequestException("The connection was reset before the response arrived.");
        }

        return response;
    }

    internal sealed class State(int toLose, int toPass = 0)
    {
#pragma warning disable SA1401, CA1051 // fields, for Interlocked
        public int ToPass = toPass;
        public int ToLose = toLose;
        public int Lost;
#pragma warning restore SA1401, CA1051
    }
}
