using System.Text;
using MailKit.Security;
using MimeKit;
using PosFleet.Notifications;

namespace PosFleet.Connectors.Email.Internal;

// What the notifier refuses to do whatever the server says: send a password in clear text, keep retrying a password
// the server refused or a server without the STARTTLS it requires, or hand a server without SMTPUTF8 an address it
// cannot take. Each is a permanent failure with
// a message that names the cause and the fix, and never the password.
internal sealed partial class SmtpNotifier
{
    /// <summary>Connects; a server without the STARTTLS that <see cref="SmtpSecurity.StartTls"/> requires will not grow it by the next attempt.</summary>
    /// <exception cref="SmtpSettingsException">STARTTLS is required and the server does not offer it.</exception>
    private async Task ConnectAsync(ISmtpTransport transport, CancellationToken cancellationToken)
    {
        try
        {
            await transport.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException ex) when (_options.Security == SmtpSecurity.StartTls)
        {
            throw new SmtpSettingsException(
                $"The SMTP server {_options.Host}:{_options.Port} does not offer STARTTLS, which SmtpNotifierOptions.Security StartTls requires ({ex.Message}); " +
                "use the server's TLS port with SslOnConnect (usually 465), or a server that offers STARTTLS.", ex);
        }
    }

    /// <summary>Logs in, over an encrypted connection unless <see cref="SmtpSecurity.None"/> was set explicitly.</summary>
    /// <exception cref="SmtpSettingsException">The connection is not encrypted, or the server refused the credentials or offers no login.</exception>
    private async Task AuthenticateAsync(ISmtpTransport transport, string userName, CancellationToken cancellationToken)
    {
        if (!transport.IsSecure && _options.Security != SmtpSecurity.None)
        {
            // SmtpSecurity.Auto falls back to a plain connection when the server offers no STARTTLS: fine for a
            // message, not for a password that anyone on the path could read.
            throw new SmtpSettingsException(
                $"The SMTP server {_options.Host}:{_options.Port} offers no STARTTLS, so the password of user '{userName}' was not sent in clear text " +
                $"(SmtpNotifierOptions.Security is {_options.Security}). Use a server or port with TLS (Security StartTls or SslOnConnect), " +
                "or set Security to None (posfleet: --smtp-security none) only for a relay on a trusted network.");
        }

        try
        {
            await transport.AuthenticateAsync(userName, _options.Password ?? "", cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationException ex)
        {
            throw new SmtpSettingsException($"SMTP authentication failed for user '{userName}' at {_options.Host}:{_options.Port} ({ex.Message}).", ex);
        }
        catch (NotSupportedException ex)
        {
            throw new SmtpSettingsException(
                $"The SMTP server {_options.Host}:{_options.Port} offers no login (AUTH) for user '{userName}' on this connection ({ex.Message}); " +
                "check SmtpNotifierOptions.Security, or leave UserName empty for a server that takes mail without one.", ex);
        }
    }

    /// <summary>
    /// Without SMTPUTF8 a server cannot take a non-ASCII local part (RFC 6531): those recipients fail for good here,
    /// with the reason, and the message still goes to the others. A non-ASCII sender fails them all.
    /// </summary>
    /// <exception cref="SmtpSettingsException">The sender's local part is not ASCII.</exception>
    private void SetAsideInternationalRecipients(SendState send)
    {
        if (!Ascii.IsValid(send.From.LocalPart))
        {
            throw new SmtpSettingsException(
                $"The sender '{send.From.Address}' has a non-ASCII local part, which needs SMTPUTF8 (RFC 6531), and the SMTP server {_options.Host}:{_options.Port} does not offer it; use an ASCII sender address.");
        }

        var kept = new List<(string Recipient, MailboxAddress Mailbox)>(send.Pending.Count);
        foreach (var p in send.Pending)
        {
            if (Ascii.IsValid(p.Mailbox.LocalPart))
            {
                kept.Add(p);
                continue;
            }

            var reason = $"'{p.Mailbox.Address}' has a non-ASCII local part, which needs SMTPUTF8 (RFC 6531), and the SMTP server {_options.Host}:{_options.Port} does not offer it; " +
                "send through a server that offers SMTPUTF8, or give this recipient an ASCII address.";
            send.Outcomes[p.Recipient] = new NotificationDelivery(p.Recipient, DeliveryStatus.PermanentFailure, reason);
            Log.RecipientNeedsSmtpUtf8(_logger, p.Mailbox.Address, _options.Host, _options.Port);
        }

        send.Pending = kept;
    }
}
