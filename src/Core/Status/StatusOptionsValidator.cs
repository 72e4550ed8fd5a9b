using Microsoft.Extensions.Options;

namespace PosFleet.Status;

/// <summary>Checks <see cref="StatusOptions"/>: each error names the option, its value and what to use instead.</summary>
internal sealed class StatusOptionsValidator : IValidateOptions<StatusOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!(options.SilenceFactor >= 1 && options.SilenceFactor <= 1000))
        {
            errors.Add($"StatusOptions.SilenceFactor is {options.SilenceFactor}; use 1 to 1000 (the default is 3).");
        }

        if (options.DefaultSyncInterval <= TimeSpan.Zero)
        {
            errors.Add($"StatusOptions.DefaultSyncInterval is {options.DefaultSyncInterval}; it must be more than zero (the default is 1 minute).");
        }

        if (options.TargetVersion is { } target && VersionKey.From(target) is null)
        {
            errors.Add($"StatusOptions.TargetVersion '{target}' is not a version; use numbers separated by dots, such as 35 or 35.1.");
        }

        foreach (var (organization, version) in options.TargetVersions)
        {
            if (VersionKey.From(version) is null)
            {
                errors.Add($"StatusOptions.TargetVersions['{organization}'] '{version}' is not a version; use numbers separated by dots, such as 35 or 35.1.");
            }
        }

        if (options.MaxErrorsPerTerminal < 1)
        {
            errors.Add($"StatusOptions.MaxErrorsPerTerminal is {options.MaxErrorsPerTerminal}; it must be at least 1 (the default is 1000).");
        }

        if (options.ErrorRetention < TimeSpan.FromDays(1))
        {
            errors.Add($"StatusOptions.ErrorRetention is {options.ErrorRetention}; it must be at least 1 day (the default is 365 days).");
        }

        if (options.RetentionInterval <= TimeSpan.Zero)
        {
            errors.Add($"StatusOptions.RetentionInterval is {options.RetentionInterval}; it must be more than zero (the default is 1 hour).");
        }

        if (string.IsNullOrWhiteSpace(options.PermissionClaimType))
        {
            errors.Add("StatusOptions.PermissionClaimType is empty; name the claim type that lists a user's organizations (the default is posfleet:outlet-setup).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
