using System.Security.Cryptography;
using System.Text;
using MimeKit;
using PosFleet.Notifications;

namespace PosFleet.Connectors.Email.Internal;

/// <summary>Builds the MIME message of a notification: plain text and HTML alternatives, and a Message-Id derived from its idempotency key.</summary>
internal static class MimeMessageFactory
{
    public const string IdempotencyHeader = "X-PosFleet-Idempotency-Key";

    /// <summary>The same Message-Id for the same key on every host and every attempt, so a resend is recognisable.</summary>
    public static string MessageIdFor(string idempotencyKey, string domain)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16)) + "@" + domain;
    }

    /// <summary>A file name for the message, stable per idempotency key.</summary>
    public static string FileNameFor(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 16)) + ".eml";

    public static MimeMessage Create(NotificationMessage notification, MailboxAddress from, IEnumerable<MailboxAddress> to, DateTimeOffset now)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.AddRange(to);
        message.Subject = notification.Subject;
        message.Date = now;
        var domain = from.Domain.Length > 0 ? from.Domain : "posfleet.localhost";
        message.MessageId = MessageIdFor(notification.IdempotencyKey, domain);
        message.Headers.Add(IdempotencyHeader, notification.IdempotencyKey);
        foreach (var (name, value) in notification.Headers)
        {
            message.Headers.Add(name, value);
        }

        var body = new BodyBuilder { TextBody = notification.Text, HtmlBody = notification.Html };
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>The sender of the options, already validated at start-up with the same grammar.</summary>
    public static MailboxAddress ParseSender(string from) =>
        EmailAddressSyntax.TryParse(from, out var mailbox) ? mailbox : throw new FormatException($"'{from}' is not an e-mail address.");

    /// <summary>
    /// Splits recipients into parsed mailboxes and those that are not addresses at all, with the grammar digest
    /// subscriptions are validated with (<see cref="EmailAddressSyntax"/>), so that both agree.
    /// </summary>
    public static (List<(string Recipient, MailboxAddress Mailbox)> Valid, List<string> Invalid) Parse(IEnumerable<string> recipients)
    {
        var valid = new List<(string, MailboxAddress)>();
        var invalid = new List<string>();
        foreach (var r in recipients)
        {
            if (EmailAddressSyntax.TryParse(r, out var mailbox))
            {
                valid.Add((r, mailbox));
            }
            else
            {
                invalid.Add(r);
            }
        }

        return (valid, invalid);
    }
}
