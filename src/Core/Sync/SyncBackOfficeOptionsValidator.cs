using Microsoft.Extensions.Options;
using PosFleet.Sync.Exchange;

namespace PosFleet.Sync;

/// <summary>Checks <see cref="SyncBackOfficeOptions"/>: each error names the option, its value and what to use instead.</summary>
internal sealed class SyncBackOfficeOptionsValidator : IValidateOptions<SyncBackOfficeOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncBackOfficeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MinimumProtocolVersion is < 1 or > SyncProtocol.CurrentVersion)
        {
            errors.Add($"SyncBackOfficeOptions.MinimumProtocolVersion is {options.MinimumProtocolVersion}; use 1 to {SyncProtocol.CurrentVersion} (the version this build speaks).");
        }

        if (options.MinimumApplicationVersion is { } minimum && !ApplicationVersion.TryParse(minimum, out _))
        {
            errors.Add($"SyncBackOfficeOptions.MinimumApplicationVersion '{minimum}' is not a version; use numbers separated by dots, such as 34 or 34.2.");
        }

        if (options.SuggestedInterval is { } interval && interval <= TimeSpan.Zero)
        {
            errors.Add($"SyncBackOfficeOptions.SuggestedInterval is {interval}; it must be more than zero, or null to let terminals keep their own.");
        }

        if (options.MaxBatchMessages < 1)
        {
            errors.Add($"SyncBackOfficeOptions.MaxBatchMessages is {options.MaxBatchMessages}; it must be at least 1 (the default is 1000).");
        }

        if (options.InboxRetention < TimeSpan.FromDays(1))
        {
            errors.Add($"SyncBackOfficeOptions.InboxRetention is {options.InboxRetention}; it must be at least 1 day, and longer than a terminal may stay offline (the default is 30 days).");
        }

        if (options.RetentionInterval <= TimeSpan.Zero)
        {
            errors.Add($"SyncBackOfficeOptions.RetentionInterval is {options.RetentionInterval}; it must be more than zero (the default is 1 hour).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
