using MimeKit;

namespace PosFleet.Connectors.Email.Internal;

/// <summary>A recipient the server refused, with its reply code and text.</summary>
internal sealed record SmtpRejection(MailboxAddress Mailbox, int StatusCode, string Response);
