using Microsoft.Extensions.Logging;

namespace PosFleet.Connectors.Email.Internal;

internal sealed partial class SmtpNotifier
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "SMTP attempt {Attempt} of {MaxAttempts} for {Key} failed: {Reason}")]
        public static partial void TransientFailure(ILogger logger, string key, int attempt, int maxAttempts, string reason);

        [LoggerMessage(2, LogLevel.Error, "SMTP server refused {Key} for good.")]
        public static partial void PermanentFailure(ILogger logger, string key, Exception exception);

        [LoggerMessage(3, LogLevel.Warning, "SMTP server refused recipient {Recipient}: {StatusCode} {Response}")]
        public static partial void RecipientRefused(ILogger logger, string recipient, int statusCode, string response);

        [LoggerMessage(4, LogLevel.Warning, "SMTP attempt {Attempt} of {MaxAttempts} for {Key} failed, retrying in {Delay}: {Reason}")]
        public static partial void Retrying(ILogger logger, string key, int attempt, int maxAttempts, TimeSpan delay, string reason);

        [LoggerMessage(5, LogLevel.Warning, "SMTP server {Host}:{Port} does not offer SMTPUTF8: recipient {Recipient}, whose local part is not ASCII, is not sent to.")]
        public static partial void RecipientNeedsSmtpUtf8(ILogger logger, string recipient, string host, int port);
    }
}
