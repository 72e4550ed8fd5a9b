using MimeKit;

namespace PosFleet.Connectors.Email.Internal;

/// <summary>One SMTP connection, so that the notifier's retry and classification logic can be tested without MailKit.</summary>
internal interface ISmtpTransport : IAsyncDisposable
{
    /// <summary>Whether the connection is encrypted (TLS on connect, or after STARTTLS); known once connected.</summary>
    bool IsSecure { get; }

    /// <summary>Whether the server offers SMTPUTF8 (RFC 6531), which an address with a non-ASCII local part needs; known once connected.</summary>
    bool SupportsSmtpUtf8 { get; }

    Task ConnectAsync(SmtpNotifierOptions options, CancellationToken cancellationToken);

    Task AuthenticateAsync(string userName, string password, CancellationToken cancellationToken);

    /// <summary>Sends the message to the recipients the server accepts.</summary>
    /// <returns>The recipients the server refused at <c>RCPT TO</c>, with its reply; the others received the message.</returns>
    Task<IReadOnlyList<SmtpRejection>> SendAsync(MimeMessage message, MailboxAddress sender, IReadOnlyList<MailboxAddress> recipients, CancellationToken cancellationToken);

    Task DisconnectAsync(CancellationToken cancellationToken);
}
