namespace PosFleet.Actions;

/// <summary>
/// The transitions a terminal's report may make, written once for every <see cref="IRemoteActionStore"/>: a store
/// loads the action, applies the report here and saves the result in the same transaction.
/// </summary>
public static class RemoteActionRules
{
    /// <summary>Applies a terminal's report to an action (its upload chunk aside: see <see cref="UploadSkip"/>).</summary>
    /// <param name="action">The action as stored; the caller has checked it is the reporting terminal's.</param>
    /// <param name="report">The report.</param>
    /// <returns>What the report does, and the action after it (the same instance when nothing changes).</returns>
    public static (RemoteActionRecordResult Result, RemoteAction Action) Apply(RemoteAction action, RemoteActionReport report)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(report);
        if (!RemoteActionStates.IsReportable(report.State) || report.ActionId != action.Id)
        {
            return (RemoteActionRecordResult.Refused, action);
        }

        if (RemoteActionStates.IsDone(action.State))
        {
            // The outcome is recorded once; what comes after it (a replay, a late chunk) changes nothing. An action the
            // back office ended before delivery (Canceled, Expired while Pending) never reached the terminal.
            return action.History.Any(h => h.State is RemoteActionState.Delivered)
                ? (RemoteActionRecordResult.AlreadyRecorded, action)
                : (RemoteActionRecordResult.Refused, action);
        }

        if (action.State is RemoteActionState.Pending)
        {
            return (RemoteActionRecordResult.Refused, action);
        }

        if (report.State is RemoteActionState.Running)
        {
            if (action.State is RemoteActionState.Running && report.Attempt <= action.Attempt)
            {
                return (RemoteActionRecordResult.AlreadyRecorded, action);
            }

            return (RemoteActionRecordResult.Recorded, action with
            {
                State = RemoteActionState.Running,
                Attempt = report.Attempt,
                Detail = report.Detail,
                History = [.. action.History, new RemoteActionTransition(RemoteActionState.Running, report.At, report.Attempt, report.Detail)],
            });
        }

        return (RemoteActionRecordResult.Recorded, action with
        {
            State = report.State,
            Attempt = Math.Max(action.Attempt, report.Attempt),
            Detail = report.Detail,
            Output = report.Output,
            History = [.. action.History, new RemoteActionTransition(report.State, report.At, report.Attempt, report.Detail)],
        });
    }

    /// <summary>
    /// How an upload chunk meets the <paramref name="stored"/> bytes: the number of its leading bytes already held (the
    /// rest is appended), its whole length when it is all held already, or -1 when it must be refused (a gap before it,
    /// past <paramref name="maxUploadBytes"/>, or the action is not running).
    /// </summary>
    /// <param name="action">The action.</param>
    /// <param name="chunk">The chunk.</param>
    /// <param name="stored">The bytes stored so far.</param>
    /// <param name="maxUploadBytes">The largest upload kept for one action.</param>
    /// <returns>The bytes of the chunk to skip, or -1.</returns>
    public static long UploadSkip(RemoteAction action, RemoteActionUploadChunk chunk, long stored, long maxUploadBytes)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(chunk);
        var end = chunk.Offset + chunk.Data.Length;
        if (action.State is not (RemoteActionState.Delivered or RemoteActionState.Running) && end > stored)
        {
            return -1;
        }

        if (chunk.Offset < 0 || chunk.Offset > stored || end > maxUploadBytes || chunk.TotalLength > maxUploadBytes)
        {
            return -1;
        }

        return Math.Min(chunk.Data.Length, stored - chunk.Offset);
    }

    /// <summary>An action past its time to live, Expired by the back office (it was Pending or Delivered), with the reason in its history.</summary>
    /// <param name="action">The action, Pending or Delivered.</param>
    /// <param name="now">When it is expired.</param>
    /// <returns>The action after it.</returns>
    public static RemoteAction Expire(RemoteAction action, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(action);
        var detail = action.State is RemoteActionState.Pending
            ? RemoteActionText.ExpiredBeforeDelivery(action.ExpiresAt)
            : RemoteActionText.ExpiredBeforeReport(action.ExpiresAt);
        return action with
        {
            State = RemoteActionState.Expired,
            Detail = detail,
            History = [.. action.History, new RemoteActionTransition(RemoteActionState.Expired, now, 0, detail)],
        };
    }

    /// <summary>Whether two parameter sets are the same (for collapsing identical actions).</summary>
    /// <param name="a">One set.</param>
    /// <param name="b">The other.</param>
    /// <returns><see langword="true"/> when they hold the same names with the same values.</returns>
    public static bool SameParameters(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && string.Equals(v, p.Value, StringComparison.Ordinal));
    }

    /// <summary>The parameters in one canonical string (names sorted), which a database can index to find an identical action.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The key.</returns>
    public static string ParametersKey(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Join('\u001f', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + '\u001e' + p.Value));
    }
}
