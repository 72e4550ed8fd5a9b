using Microsoft.Extensions.Options;

namespace PosFleet.Digests;

internal sealed class DigestOptionsValidator : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        var errors = new List<string>();
        void Positive(TimeSpan value, string option)
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"DigestOptions.{option} is {value}; it must be more than zero.");
            }
        }

        Positive(options.MissedWindowGrace, nameof(DigestOptions.MissedWindowGrace));
        Positive(options.RunLease, nameof(DigestOptions.RunLease));
        Positive(options.RetryDelay, nameof(DigestOptions.RetryDelay));
        Positive(options.PollInterval, nameof(DigestOptions.PollInterval));
        if (options.RetryDelay > TimeSpan.FromDays(1) || options.MaxRetryDelay > TimeSpan.FromDays(1))
        {
            errors.Add($"DigestOptions.RetryDelay ({options.RetryDelay}) and DigestOptions.MaxRetryDelay ({options.MaxRetryDelay}) must be at most 1 day.");
        }

        if (options.MaxRetryDelay < options.RetryDelay)
        {
            errors.Add($"DigestOptions.MaxRetryDelay ({options.MaxRetryDelay}) is shorter than DigestOptions.RetryDelay ({options.RetryDelay}).");
        }

        if (options.MaxCatchUpWindows is < 1 or > 366)
        {
            errors.Add($"DigestOptions.MaxCatchUpWindows is {options.MaxCatchUpWindows}; use 1 to 366.");
        }

        if (options.MaxGroups < 1)
        {
            errors.Add($"DigestOptions.MaxGroups is {options.MaxGroups}; it must be at least 1.");
        }

        if (options.MaxTerminals < 0)
        {
            errors.Add($"DigestOptions.MaxTerminals is {options.MaxTerminals}; it must not be negative.");
        }

        if (options.MaxAttempts < 1)
        {
            errors.Add($"DigestOptions.MaxAttempts is {options.MaxAttempts}; it must be at least 1.");
        }

        if (string.IsNullOrWhiteSpace(options.HostId))
        {
            errors.Add("DigestOptions.HostId is empty; leave the default or name this host.");
        }

        if (!Enum.IsDefined(options.CatchUp))
        {
            errors.Add($"DigestOptions.CatchUp '{options.CatchUp}' is not one of All, LatestOnly, None.");
        }

        foreach (var subscription in options.Subscriptions)
        {
            errors.AddRange(subscription.Validate().Select(e => "DigestOptions.Subscriptions: " + e));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
