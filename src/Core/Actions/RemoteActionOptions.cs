namespace PosFleet.Actions;

/// <summary>The back office's remote actions: defaults of a queued action and the limits of what terminals send back; checked at start-up.</summary>
public sealed class RemoteActionOptions
{
    /// <summary>How long a queued action waits for its terminal before it expires, unless the request says otherwise.</summary>
    /// <value>The default value is 7 days.</value>
    public TimeSpan DefaultTimeToLive { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long one attempt may run at the terminal, unless the request says otherwise.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many attempts a terminal makes at most, unless the request says otherwise.</summary>
    /// <value>The default value is 3.</value>
    public int DefaultMaxAttempts { get; set; } = 3;

    /// <summary>The longest detail or output kept from a terminal's report (characters); the rest is cut, saying so.</summary>
    /// <value>The default value is 8,192.</value>
    public int MaxOutputChars { get; set; } = 8192;

    /// <summary>The most actions delivered in one response.</summary>
    /// <value>The default value is 20.</value>
    public int MaxDeliveriesPerExchange { get; set; } = 20;

    /// <summary>How often the back office expires the Pending or Delivered actions past their time to live, whether or not their terminal exchanges.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest file a terminal may upload for one action (the archive of retrieve-logs).</summary>
    /// <value>The default value is 64 MiB.</value>
    public long MaxUploadBytes { get; set; } = 64L * 1024 * 1024;
}
