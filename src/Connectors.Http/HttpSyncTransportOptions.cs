namespace PosFleet.Connectors.Http;

/// <summary>
/// Where and how a terminal reaches its back office's sync endpoint over HTTP; checked at start-up. The terminal's
/// credential is <c>SyncAgentOptions.Credential</c> (from configuration or a secret store), sent with every request.
/// </summary>
public sealed class HttpSyncTransportOptions
{
    /// <summary>
    /// The back office's sync endpoint, such as <c>https://backoffice.example.com/posfleet/sync</c>. Required; absolute,
    /// <c>https</c> unless the host is loopback (<c>http://127.0.0.1:5080/…</c>) or <see cref="AllowInsecureHttp"/> is
    /// set; without user information (a secret in a URI ends up in logs).
    /// </summary>
    /// <value>The default value is <see langword="null"/> (not set).</value>
    public Uri? BackOfficeUri { get; set; }

    /// <summary>
    /// Whether a plain <c>http</c> address that is not loopback is accepted: the credential then crosses the network
    /// unencrypted, so set it only behind a tunnel or a TLS-terminating proxy on the same machine.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>How long one attempt may take before it is abandoned (and retried).</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one exchange may take, its retries included; past it the sync agent backs off and tries again later.</summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How many times a transient failure (no connection, a timeout, 408, 429, 5xx) is retried within one exchange:
    /// safe, because the back office applies a replayed request once. 401, 403 and other 4xx are never retried.
    /// </summary>
    /// <value>The default value is 3; 0 turns retries off.</value>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The delay before the first retry; it doubles with each retry, with jitter (a <c>Retry-After</c> from the back office wins).</summary>
    /// <value>The default value is 1 second; zero retries at once.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the circuit stays open once half of the attempts of the last 30 seconds (at least 4) failed, as when
    /// every attempt of one exchange did: exchanges then fail at once, without touching the network, and the sync
    /// agent backs off.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
