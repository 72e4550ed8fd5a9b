using Microsoft.Extensions.Options;
using PosFleet.Notifications;

namespace PosFleet.Connectors.Email.Internal;

internal sealed class SmtpNotifierOptionsValidator : IValidateOptions<SmtpNotifierOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpNotifierOptions o)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            errors.Add("SmtpNotifierOptions.Host is empty; set the SMTP server, such as 'smtp.example.com'.");
        }

        if (o.Port is < 1 or > 65535)
        {
            errors.Add($"SmtpNotifierOptions.Port is {o.Port}; use 1 to 65535 (25, 465 or 587 usually).");
        }

        if (!Enum.IsDefined(o.Security))
        {
            errors.Add($"SmtpNotifierOptions.Security '{o.Security}' is not one of None, StartTls, SslOnConnect, Auto.");
        }

        if (!EmailAddressSyntax.TryParse(o.From, out _))
        {
            errors.Add($"SmtpNotifierOptions.From '{o.From}' is not an e-mail address; set the sender, such as 'PosFleet <fleet@example.com>'.");
        }

        if (!string.IsNullOrEmpty(o.UserName) && string.IsNullOrEmpty(o.Password))
        {
            errors.Add("SmtpNotifierOptions.Password is empty while SmtpNotifierOptions.UserName is set; give the password (from a secret or an environment variable).");
        }

        if (o.ConnectTimeout <= TimeSpan.Zero)
        {
            errors.Add($"SmtpNotifierOptions.ConnectTimeout is {o.ConnectTimeout}; it must be more than zero.");
        }

        if (o.CommandTimeout <= TimeSpan.Zero)
        {
            errors.Add($"SmtpNotifierOptions.CommandTimeout is {o.CommandTimeout}; it must be more than zero.");
        }

        if (o.MaxAttempts < 1)
        {
            errors.Add($"SmtpNotifierOptions.MaxAttempts is {o.MaxAttempts}; it must be at least 1.");
        }

        if (o.RetryDelay < TimeSpan.Zero || o.MaxRetryDelay < o.RetryDelay)
        {
            errors.Add($"SmtpNotifierOptions.RetryDelay ({o.RetryDelay}) must not be negative nor longer than SmtpNotifierOptions.MaxRetryDelay ({o.MaxRetryDelay}).");
        }

        if (o.MaxRetryDelay > TimeSpan.FromDays(1))
        {
            errors.Add($"SmtpNotifierOptions.MaxRetryDelay is {o.MaxRetryDelay}; it must be at most one day (leave longer waits to the digest's next run).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
