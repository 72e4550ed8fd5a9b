using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PosFleet.Actions.Terminal;

/// <summary>
/// Runs the terminal's actions one at a time from the journal: the ones found running at start are recoveries (the
/// handler is told so on every attempt, the last included, and decides), then the received ones in order. An attempt is
/// waited for no longer than its timeout plus <see cref="RemoteActionAgentOptions.TimeoutGrace"/>, even when its handler
/// ignores its token. In the background it runs after each exchange that brought actions (and every minute).
/// </summary>
internal sealed partial class RemoteActionRunner(
    IRemoteActionJournal journal,
    IServiceProvider services,
    IOptions<RemoteActionAgentOptions> options,
    TimeProvider time,
    ILogger<RemoteActionRunner> logger) : BackgroundService, IRemoteActionRunner
{
    private readonly RemoteActionAgentOptions _options = options.Value;
    private readonly SemaphoreSlim _one = new(1, 1);
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes the background loop: an exchange brought actions.</summary>
    public void Signal() => _signal.TrySetResult();

    public async Task<int> RunPendingAsync(CancellationToken cancellationToken = default)
    {
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var ended = 0;
            foreach (var entry in await journal.ListAsync(RemoteActionEntryState.Running, cancellationToken).ConfigureAwait(false))
            {
                ended += await RunAsync(entry, recovery: true, cancellationToken).ConfigureAwait(false) is null ? 0 : 1;
            }

            while ((await journal.ListAsync(RemoteActionEntryState.Received, cancellationToken).ConfigureAwait(false)) is [var next, ..])
            {
                ended += await RunAsync(next, recovery: false, cancellationToken).ConfigureAwait(false) is null ? 0 : 1;
            }

            return ended;
        }
        finally
        {
            _one.Release();
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _one.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.EnableBackground)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var signal = _signal;
            try
            {
                await RunPendingAsync(stoppingToken).ConfigureAwait(false);
                await Task.WhenAny(signal.Task, Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.RunnerFailed(logger, ex);
                await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(30), time, stoppingToken)).ConfigureAwait(false);
            }

            if (signal.Task.IsCompleted)
            {
                Interlocked.CompareExchange(ref _signal, new(TaskCreationOptions.RunContinuationsAsynchronously), signal);
            }
        }
    }

    /// <summary>Runs one action to its outcome (with its retries): the state it ended in, <see langword="null"/> when stopped before it ended.</summary>
    private async Task<RemoteActionState?> RunUnmeasuredAsync(RemoteActionEntry entry, bool recovery, CancellationToken cancellationToken)
    {
        var delivery = entry.Delivery;
        var attempt = entry.Attempt;
        string? previous = recovery ? $"The terminal stopped while attempt {attempt} ran." : null;
        var handler = services.GetKeyedService<IRemoteActionHandler>(delivery.Name);
        if (handler is null)
        {
            return await FinishAsync(delivery, attempt, RemoteActionOutcome.Rejected($"This terminal has no handler for action '{delivery.Name}': register one with AddActionHandler, or update the terminal."), cancellationToken).ConfigureAwait(false);
        }

        if (recovery && (attempt >= delivery.MaxAttempts || time.GetUtcNow() >= delivery.ExpiresAt))
        {
            // No attempt may follow the one that was cut (it was the last, or the time to live ended since): the handler
            // is still told it is a recovery and decides, within that attempt; what it answers is the outcome.
            Log.Running(logger, delivery.Id, delivery.Name, attempt, delivery.MaxAttempts, recovery);
            var decided = await AttemptAsync(handler, delivery, attempt, recovery, previous, cancellationToken).ConfigureAwait(false);
            return decided is null ? null : await FinishAsync(delivery, attempt, decided, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            if (time.GetUtcNow() >= delivery.ExpiresAt)
            {
                return await FinishAsync(delivery, attempt, new RemoteActionOutcome { State = RemoteActionState.Expired, Detail = $"Its time to live ended at {delivery.ExpiresAt:u} before it could run{(previous is null ? "" : " again (" + previous + ")")}." }, cancellationToken).ConfigureAwait(false);
            }

            if (attempt >= delivery.MaxAttempts)
            {
                return await FinishAsync(delivery, attempt, RemoteActionOutcome.Failed($"No attempt left after {attempt} of {delivery.MaxAttempts}: {previous}"), cancellationToken).ConfigureAwait(false);
            }

            attempt++;
            var running = new RemoteActionReport { Id = Guid.CreateVersion7(time.GetUtcNow()), ActionId = delivery.Id, State = RemoteActionState.Running, At = time.GetUtcNow(), Attempt = attempt, Detail = previous };
            if (!await journal.StartAsync(running, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            Log.Running(logger, delivery.Id, delivery.Name, attempt, delivery.MaxAttempts, recovery);
            var outcome = await AttemptAsync(handler, delivery, attempt, recovery, previous, cancellationToken).ConfigureAwait(false);
            if (outcome is null)
            {
                return null;
            }

            if (outcome.State is RemoteActionState.Failed && outcome.Retry && attempt < delivery.MaxAttempts)
            {
                previous = outcome.Detail;
                recovery = false;
                Log.WillRetry(logger, delivery.Id, attempt, delivery.MaxAttempts, previous ?? "");
                if (_options.RetryDelay > TimeSpan.Zero)
                {
                    await Task.Delay(_options.RetryDelay, time, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            return await FinishAsync(delivery, attempt, outcome, cancellationToken).ConfigureAwait(false);
        }
    }
}
