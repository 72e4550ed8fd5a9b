using PosFleet.Logs.Storage;

namespace PosFleet.Tests;

/// <summary>
/// A log store that wakes the test's waits each time entries are appended to it, so that a test waits for what an
/// ingest running in the background stores instead of polling the store.
/// </summary>
internal sealed class ObservedLogStore(ILogStore inner) : ForwardingLogStore(inner)
{
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async ValueTask<int> AppendAsync(LogBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            return await base.AppendAsync(batch, cancellationToken);
        }
        finally
        {
            Interlocked.Exchange(ref _appended, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    /// <summary>
    /// Returns once <paramref name="condition"/> holds, checked now and after each append; after <paramref name="timeout"/>
    /// (a minute) it returns anyway, and the caller's assertion says what is missing.
    /// </summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        while (true)
        {
            var appended = Volatile.Read(ref _appended).Task; // taken before the check, so an append in between is not missed
            if (await condition())
            {
                return;
            }

            try
            {
                await appended.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
