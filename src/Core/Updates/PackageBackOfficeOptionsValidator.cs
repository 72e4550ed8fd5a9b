using Microsoft.Extensions.Options;

namespace PosFleet.Updates;

/// <summary>Checks <see cref="PackageBackOfficeOptions"/>: each error names the option, its value and what to use instead.</summary>
internal sealed class PackageBackOfficeOptionsValidator : IValidateOptions<PackageBackOfficeOptions>
{
    public ValidateOptionsResult Validate(string? name, PackageBackOfficeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (PackageRollouts.CheckStages([.. options.Stages]) is { } stages)
        {
            errors.Add($"PackageBackOfficeOptions.Stages: {stages}");
        }

        if (options.WidenAt is not (> 0 and <= 1))
        {
            errors.Add($"PackageBackOfficeOptions.WidenAt is {options.WidenAt}; use a share more than 0 and at most 1 (the default is 0.8).");
        }

        if (options.FailureThreshold is not (>= 0 and <= 1))
        {
            errors.Add($"PackageBackOfficeOptions.FailureThreshold is {options.FailureThreshold}; use a share from 0 to 1 (the default is 0.2).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
