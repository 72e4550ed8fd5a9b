namespace PosFleet.Notifications.Engine;

/// <summary>
/// Keeps a dispatcher's claim on the deliveries it is sending alive while the send lasts: every third of the lease it
/// renews them under the claim's token, so a slow send (an SMTP server retried with back-off) never lets the lease lapse
/// and another dispatcher claim and send the same delivery. Renewals do not overlap; a failed one is retried at the next tick.
/// </summary>
internal sealed class NotificationClaimHeartbeat : IAsyncDisposable
{
    private readonly INotificationStore _store;
    private readonly IReadOnlyList<string> _keys;
    private readonly Guid _token;
    private readonly TimeSpan _lease;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private Task _renewal = Task.CompletedTask;
    private int _running;

    public NotificationClaimHeartbeat(INotificationStore store, IReadOnlyList<string> keys, Guid token, TimeSpan lease, TimeProvider time)
    {
        _store = store;
        _keys = keys;
        _token = token;
        _lease = lease;
        _time = time;
        var period = lease / 3;
        _timer = time.CreateTimer(static state => ((NotificationClaimHeartbeat)state!).Tick(), this, period, period);
    }

    private void Tick()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        _renewal = RenewAsync();
    }

    private async Task RenewAsync()
    {
        try
        {
            await _store.RenewClaimsAsync(_keys, _token, _time.GetUtcNow() + _lease, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The store is unreachable for now: the next tick tries again, and the lease still covers the gap.
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
    }
}
