using System.Globalization;

namespace PosFleet.Actions.Terminal;

internal sealed partial class RemoteActionRunner
{
    /// <summary>
    /// One attempt under the action's timeout; <see langword="null"/> when the terminal is stopping (the attempt stays
    /// marked running). A handler still running at its timeout plus <see cref="RemoteActionAgentOptions.TimeoutGrace"/>
    /// (it ignores its token) is no longer waited for: the attempt fails for good, since retrying while it may still run
    /// could run the action twice at once, and the next action runs.
    /// </summary>
    private async Task<RemoteActionOutcome?> AttemptAsync(IRemoteActionHandler handler, RemoteActionDelivery delivery, int attempt, bool recovery, string? previous, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(delivery.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deadline = Task.Delay(delivery.Timeout + _options.TimeoutGrace, time, stopWaiting.Token);
        var work = Path.Combine(_options.WorkDirectory, delivery.Id.ToString("N"));
        Directory.CreateDirectory(work);
        var context = new RemoteActionContext
        {
            ActionId = delivery.Id,
            Name = delivery.Name,
            Parameters = delivery.Parameters,
            Attempt = attempt,
            MaxAttempts = delivery.MaxAttempts,
            IsRecovery = recovery,
            PreviousFailure = previous,
            WorkDirectory = work,
        };
        Task<RemoteActionOutcome> run;
        try
        {
            run = handler.RunAsync(context, linked.Token).AsTask();
        }
        catch (Exception ex)
        {
            run = Task.FromException<RemoteActionOutcome>(ex);
        }

        if (await Task.WhenAny(run, deadline).ConfigureAwait(false) != run)
        {
            // Observed so that a late exception is logged, not lost; its outcome is not recorded.
            _ = run.ContinueWith(t => Log.AbandonedEnded(logger, delivery.Id, delivery.Name, t.Status), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            if (cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            Log.Abandoned(logger, delivery.Id, delivery.Name, attempt, delivery.Timeout, _options.TimeoutGrace);
            return RemoteActionOutcome.Failed(string.Create(
                CultureInfo.InvariantCulture,
                $"Attempt {attempt} timed out after {delivery.Timeout} and its handler did not stop within {_options.TimeoutGrace} more: it was abandoned, and is not retried since it may still be running."));
        }

        await stopWaiting.CancelAsync().ConfigureAwait(false);
        try
        {
            var outcome = await run.ConfigureAwait(false);
            ArgumentNullException.ThrowIfNull(outcome);
            return outcome.State is RemoteActionState.Succeeded or RemoteActionState.Failed or RemoteActionState.Rejected or RemoteActionState.Expired
                ? outcome
                : RemoteActionOutcome.Failed($"The handler of '{delivery.Name}' returned the state {outcome.State}, which is not an outcome.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return RemoteActionOutcome.Failed(string.Create(CultureInfo.InvariantCulture, $"Attempt {attempt} timed out after {delivery.Timeout}."), retry: true);
        }
        catch (Exception ex)
        {
            Log.HandlerThrew(logger, delivery.Id, delivery.Name, ex);
            return RemoteActionOutcome.Failed($"Attempt {attempt} failed: {ex.GetType().Name}: {ex.Message}", retry: true);
        }
    }

    private async Task<RemoteActionState?> FinishAsync(RemoteActionDelivery delivery, int attempt, RemoteActionOutcome outcome, CancellationToken cancellationToken)
    {
        var report = new RemoteActionReport
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            ActionId = delivery.Id,
            State = outcome.State,
            At = time.GetUtcNow(),
            Attempt = attempt,
            Detail = outcome.Detail is null ? null : RemoteActionText.Truncate(outcome.Detail, _options.MaxOutputChars),
            Output = outcome.Output is null ? null : RemoteActionText.Truncate(outcome.Output, _options.MaxOutputChars),
        };
        var upload = outcome.State is RemoteActionState.Succeeded && outcome.UploadPath is { } path && File.Exists(path) ? path : null;
        await journal.FinishAsync(report, upload, cancellationToken).ConfigureAwait(false);
        Log.Ended(logger, delivery.Id, delivery.Name, outcome.State, attempt, outcome.Detail ?? "");
        if (upload is null)
        {
            TryDeleteWork(delivery.Id);
        }

        return outcome.State;
    }

    /// <summary>Deletes the action's work folder once nothing in it is needed any more.</summary>
    internal void TryDeleteWork(Guid actionId)
    {
        try
        {
            var work = Path.Combine(_options.WorkDirectory, actionId.ToString("N"));
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the next start; a work folder holds only what the action wrote.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
