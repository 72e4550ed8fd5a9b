using PosFleet.Notifications.Push;

namespace PosFleet.Connectors.WebPush;

/// <summary>
/// The push notifier's VAPID identity and retry policy. Checked at start-up; an invalid value fails naming the option
/// (never showing the private key).
/// </summary>
public sealed class WebPushNotifierOptions
{
    /// <summary>
    /// Who sends the notifications, for push services to contact: a <c>mailto:</c> address or an <c>https:</c> URL,
    /// such as <c>mailto:fleet@example.com</c>. It goes into every VAPID token.
    /// </summary>
    /// <value>The default value is empty: it must be set.</value>
    public string Subject { get; set; } = "";

    /// <summary>
    /// The VAPID public key: an uncompressed P-256 point (65 bytes), base64url, as <c>npx web-push generate-vapid-keys</c>
    /// prints it. The web page passes the same key to <c>PushManager.subscribe({ applicationServerKey })</c>.
    /// </summary>
    /// <value>The default value is empty: it must be set.</value>
    public string PublicKey { get; set; } = "";

    /// <summary>
    /// The VAPID private key: the P-256 private scalar (32 bytes), base64url. It signs the tokens; read it from a
    /// secret store or an environment variable. It is never logged nor shown in an error.
    /// </summary>
    /// <value>The default value is empty: it must be set.</value>
    public string PrivateKey { get; set; } = "";

    /// <summary>
    /// The push services the server sends to, and the back office lets a browser subscribe with: a host name
    /// (<c>fcm.googleapis.com</c>) or <c>*.</c> and a domain (<c>*.push.apple.com</c>). An endpoint elsewhere, on a port
    /// other than 443, an IP address, <c>localhost</c> or with user info is refused when a browser subscribes and again
    /// before each send, so that no user can make the server POST to a host of their choosing. Add a host only for a
    /// push service your users' browsers use; <c>Clear()</c> first to allow fewer.
    /// </summary>
    /// <value>
    /// The default value is <see cref="PushServiceHosts.DefaultPatterns"/>: the push services of Chrome (FCM), Firefox,
    /// Edge and Safari.
    /// </value>
    public IList<string> AllowedPushServiceHosts { get; } = [.. PushServiceHosts.DefaultPatterns];

    /// <summary>How long a push service keeps a notification for a device that is offline before dropping it.</summary>
    /// <value>The default value is 1 day.</value>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long one request to a push service may take before the attempt counts as a transient failure.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times one notification is offered to one subscription within one call against transient failures
    /// (429, 5xx, a refused or reset connection, a timeout); what still fails is reported as a transient failure and
    /// left to the caller's next attempt. 1 turns retries off.
    /// </summary>
    /// <value>The default value is 3.</value>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// The median delay before the first retry; later ones wait about twice as long, with jitter (Polly, on the
    /// registered <see cref="TimeProvider"/>). A push service's <c>Retry-After</c> is honoured up to <see cref="MaxRetryDelay"/>.
    /// </summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two attempts. At most one hour.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
