namespace PosFleet.Actions;

/// <summary>The remote actions in memory, for tests and the smallest back offices; every method runs under one lock.</summary>
internal sealed class InMemoryRemoteActionStore : IRemoteActionStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, RemoteAction> _actions = [];
    private readonly Dictionary<Guid, MemoryStream> _uploads = [];

    public ValueTask<RemoteActionQueued> AddAsync(RemoteAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_lock)
        {
            var same = _actions.Values
                .Where(a => a.State is RemoteActionState.Pending or RemoteActionState.Delivered && a.ExpiresAt > action.CreatedAt
                    && a.Organization == action.Organization && a.TerminalId == action.TerminalId && a.Name == action.Name
                    && RemoteActionRules.SameParameters(a.Parameters, action.Parameters))
                .OrderBy(a => a.CreatedAt)
                .FirstOrDefault();
            if (same is not null)
            {
                return ValueTask.FromResult(new RemoteActionQueued(same, Collapsed: true));
            }

            if (_actions.ContainsKey(action.Id))
            {
                throw new ArgumentException($"An action with id {action.Id} is already stored.", nameof(action));
            }

            var stored = action with
            {
                State = RemoteActionState.Pending,
                Parameters = new Dictionary<string, string>(action.Parameters, StringComparer.Ordinal),
                History = [new RemoteActionTransition(RemoteActionState.Pending, action.CreatedAt)],
            };
            _actions.Add(stored.Id, stored);
            return ValueTask.FromResult(new RemoteActionQueued(stored, Collapsed: false));
        }
    }

    public ValueTask<RemoteAction?> GetAsync(string organization, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        lock (_lock)
        {
            return ValueTask.FromResult(Find(organization, id));
        }
    }

    public ValueTask<RemoteActionPage> ListAsync(RemoteActionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, RemoteActionQuery.MaxLimit);
        var hasCursor = RemoteActionCursor.TryParse(query.After, out var ticks, out var id);
        lock (_lock)
        {
            var page = _actions.Values
                .Where(a => a.Organization == query.Organization && (query.TerminalId is null || a.TerminalId == query.TerminalId))
                .Where(a => query.List switch
                {
                    RemoteActionList.Pending => !RemoteActionStates.IsDone(a.State),
                    RemoteActionList.Done => RemoteActionStates.IsDone(a.State),
                    _ => true,
                })
                .Where(a => !hasCursor || RemoteActionCursor.IsAfter(a, ticks, id))
                .OrderByDescending(a => a.CreatedAt.UtcTicks)
                .ThenByDescending(a => a.Id.ToString("N"), StringComparer.Ordinal)
                .Take(query.Limit + 1)
                .ToList();
            var more = page.Count > query.Limit;
            if (more)
            {
                page.RemoveAt(page.Count - 1);
            }

            return ValueTask.FromResult(new RemoteActionPage(page, more ? RemoteActionCursor.Of(page[^1]) : null));
        }
    }

    public ValueTask<RemoteAction?> CancelAsync(string organization, Guid id, DateTimeOffset at, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        lock (_lock)
        {
            if (Find(organization, id) is not { } action)
            {
                return ValueTask.FromResult<RemoteAction?>(null);
            }

            if (action.State is RemoteActionState.Pending)
            {
                action = action with
                {
                    State = RemoteActionState.Canceled,
                    Detail = reason,
                    History = [.. action.History, new RemoteActionTransition(RemoteActionState.Canceled, at, 0, reason)],
                };
                _actions[id] = action;
            }

            return ValueTask.FromResult<RemoteAction?>(action);
        }
    }

    public ValueTask<long> ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var expired = _actions.Values.Where(a => a.State is RemoteActionState.Pending or RemoteActionState.Delivered && a.ExpiresAt <= now).ToList();
            foreach (var action in expired)
            {
                _actions[action.Id] = RemoteActionRules.Expire(action, now);
            }

            return ValueTask.FromResult((long)expired.Count);
        }
    }

    public ValueTask<IReadOnlyList<RemoteAction>> DeliverAsync(string organization, string terminalId, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(terminalId);
        lock (_lock)
        {
            foreach (var action in _actions.Values.Where(a => a.State is RemoteActionState.Pending && a.Organization == organization && a.TerminalId == terminalId).ToList())
            {
                var state = action.ExpiresAt <= now ? RemoteActionState.Expired : RemoteActionState.Delivered;
                var detail = state is RemoteActionState.Expired ? RemoteActionText.ExpiredBeforeDelivery(action.ExpiresAt) : null;
                _actions[action.Id] = action with
                {
                    State = state,
                    Detail = detail ?? action.Detail,
                    History = [.. action.History, new RemoteActionTransition(state, now, 0, detail)],
                };
            }

            IReadOnlyList<RemoteAction> delivered = _actions.Values
                .Where(a => a.State is RemoteActionState.Delivered && a.Organization == organization && a.TerminalId == terminalId)
                .OrderBy(a => a.CreatedAt.UtcTicks).ThenBy(a => a.Id.ToString("N"), StringComparer.Ordinal)
                .Take(max)
                .ToList();
            return ValueTask.FromResult(delivered);
        }
    }

    public ValueTask<RemoteActionRecordResult> RecordAsync(string organization, string terminalId, RemoteActionReport report, long maxUploadBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_lock)
        {
            if (!_actions.TryGetValue(report.ActionId, out var action) || action.Organization != organization || action.TerminalId != terminalId)
            {
                return ValueTask.FromResult(RemoteActionRecordResult.Refused);
            }

            var uploaded = false;
            if (report.Upload is { } chunk)
            {
                var upload = _uploads.GetValueOrDefault(action.Id);
                var skip = RemoteActionRules.UploadSkip(action, chunk, upload?.Length ?? 0, maxUploadBytes);
                if (skip < 0)
                {
                    return ValueTask.FromResult(RemoteActionRecordResult.Refused);
                }

                if (skip < chunk.Data.Length)
                {
                    upload ??= _uploads[action.Id] = new MemoryStream();
                    upload.Seek(0, SeekOrigin.End);
                    upload.Write(chunk.Data, (int)skip, chunk.Data.Length - (int)skip);
                    action = action with { UploadedBytes = upload.Length };
                    uploaded = true;
                }
            }

            var (result, after) = RemoteActionRules.Apply(action, report);
            if (result is RemoteActionRecordResult.Refused)
            {
                return ValueTask.FromResult(result);
            }

            _actions[action.Id] = after;
            return ValueTask.FromResult(uploaded ? RemoteActionRecordResult.Recorded : result);
        }
    }

    public async ValueTask<long> CopyUploadToAsync(string organization, Guid id, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(destination);
        byte[] bytes;
        lock (_lock)
        {
            if (Find(organization, id) is null || !_uploads.TryGetValue(id, out var upload))
            {
                return -1;
            }

            bytes = upload.ToArray();
        }

        await destination.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes.Length;
    }

    /// <summary>The action when it is <paramref name="organization"/>'s; another organization's is not found. Under the lock.</summary>
    private RemoteAction? Find(string organization, Guid id) =>
        _actions.TryGetValue(id, out var action) && action.Organization == organization ? action : null;
}
