using Microsoft.Extensions.Options;

namespace PosFleet.Logs.Retention;

/// <summary>Checks <see cref="LogRetentionOptions"/>: each error names the option, its value and what to use instead.</summary>
internal sealed class LogRetentionOptionsValidator : IValidateOptions<LogRetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, LogRetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Period is { } period && period <= TimeSpan.Zero)
        {
            errors.Add($"LogRetentionOptions.Period is {period}; it must be more than zero, or null to keep every entry.");
        }

        if (options.Interval <= TimeSpan.Zero)
        {
            errors.Add($"LogRetentionOptions.Interval is {options.Interval}; it must be more than zero (the default is 1 hour).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
