using Microsoft.Extensions.Options;
using MimeKit;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>Checks <see cref="BackOfficeOptions"/>: each error names the option and a value to use.</summary>
internal sealed class BackOfficeOptionsValidator : IValidateOptions<BackOfficeOptions>
{
    public const int MaxPageSize = 500;

    public ValidateOptionsResult Validate(string? name, BackOfficeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Title))
        {
            errors.Add("BackOfficeOptions.Title is empty; name the back office, such as \"PosFleet\".");
        }

        if (options.PageSize is < 1 or > MaxPageSize)
        {
            errors.Add($"BackOfficeOptions.PageSize is {options.PageSize}; use 1 to {MaxPageSize} (the default is 50).");
        }

        if (string.IsNullOrWhiteSpace(options.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            errors.Add($"BackOfficeOptions.TimeZone '{DisplayText.Escape(options.TimeZone)}' is not a time zone of this machine; use an id such as UTC or Europe/Madrid.");
        }

        if (string.IsNullOrWhiteSpace(options.RecipientClaimType))
        {
            errors.Add("BackOfficeOptions.RecipientClaimType is empty; name the claim holding the user's recipient id, such as "
                + "\"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier\" (the default) or \"sub\".");
        }

        // The one address grammar of the SDK (MimeKit), as the digests' recipients use.
        if (options.SupportAddress is { } support
            && (!MailboxAddress.TryParse(support, out var mailbox) || mailbox.Address.IndexOf('@', StringComparison.Ordinal) <= 0))
        {
            errors.Add($"BackOfficeOptions.SupportAddress '{DisplayText.Escape(support)}' is not an e-mail address; use one such as support@example.com, or leave it unset to hide the support links.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
