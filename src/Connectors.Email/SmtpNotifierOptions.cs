using System.Net.Security;

namespace PosFleet.Connectors.Email;

/// <summary>Where and how the SMTP notifier sends e-mail. Checked at start-up; an invalid value fails naming the option.</summary>
public sealed class SmtpNotifierOptions
{
    /// <summary>The SMTP server's host name or address.</summary>
    /// <value>The default value is empty: it must be set.</value>
    public string Host { get; set; } = "";

    /// <summary>The SMTP server's port.</summary>
    /// <value>The default value is 587 (submission).</value>
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured.</summary>
    /// <value>The default value is <see cref="SmtpSecurity.Auto"/>.</value>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>
    /// The user to authenticate as, or <see langword="null"/> to send without authenticating. The login needs an
    /// encrypted connection unless <see cref="Security"/> is <see cref="SmtpSecurity.None"/>; refused credentials
    /// (535) fail for good, not retried.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? UserName { get; set; }

    /// <summary>The password of <see cref="UserName"/>. Read it from a secret store or an environment variable, never from a command line.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Password { get; set; }

    /// <summary>The sender, such as <c>PosFleet &lt;fleet@example.com&gt;</c>; its domain also names the <c>Message-Id</c>s.</summary>
    /// <value>The default value is empty: it must be set.</value>
    public string From { get; set; } = "";

    /// <summary>How long connecting (TCP, TLS, greeting, authentication) may take before the attempt counts as a transient failure.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the server may take to answer one command, or to take the message.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many times one message is tried within one call (the first attempt and up to <c>MaxAttempts - 1</c>
    /// retries) against transient failures; what still fails transiently after that is reported as transient and
    /// left to a later call (the digest ledger keeps it pending). 1 turns retries off.
    /// </summary>
    /// <value>The default value is 3.</value>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// The median delay before the first retry; each later retry waits about twice as long, with random jitter
    /// (Polly's exponential back-off with decorrelated jitter, on the registered <see cref="TimeProvider"/>), so that
    /// hosts that failed together do not retry together. Zero retries at once. At most one day.
    /// </summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two attempts: it caps the back-off. At most one day.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the server certificate's revocation is checked.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CheckCertificateRevocation { get; set; } = true;

    /// <summary>Validates the server certificate instead of the system's trust store (to pin a self-signed certificate).</summary>
    /// <value>The default value is <see langword="null"/>: the system's validation.</value>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }
}
