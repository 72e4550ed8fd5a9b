using Microsoft.Extensions.Options;

namespace PosFleet.Actions;

/// <summary>Checks <see cref="RemoteActionOptions"/> at start-up, naming the option that is wrong.</summary>
internal sealed class RemoteActionOptionsValidator : IValidateOptions<RemoteActionOptions>
{
    public ValidateOptionsResult Validate(string? name, RemoteActionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.DefaultTimeToLive <= TimeSpan.Zero)
        {
            failures.Add($"RemoteActionOptions.DefaultTimeToLive must be positive (it is {options.DefaultTimeToLive}).");
        }

        if (options.DefaultTimeout <= TimeSpan.Zero || options.DefaultTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"RemoteActionOptions.DefaultTimeout must be positive and at most a day (it is {options.DefaultTimeout}).");
        }

        if (options.DefaultMaxAttempts is < 1 or > 100)
        {
            failures.Add($"RemoteActionOptions.DefaultMaxAttempts must be between 1 and 100 (it is {options.DefaultMaxAttempts}).");
        }

        if (options.MaxOutputChars is < 256 or > 1024 * 1024)
        {
            failures.Add($"RemoteActionOptions.MaxOutputChars must be between 256 and 1,048,576 (it is {options.MaxOutputChars}).");
        }

        if (options.MaxDeliveriesPerExchange is < 1 or > 1000)
        {
            failures.Add($"RemoteActionOptions.MaxDeliveriesPerExchange must be between 1 and 1,000 (it is {options.MaxDeliveriesPerExchange}).");
        }

        if (options.ExpiryInterval <= TimeSpan.Zero || options.ExpiryInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"RemoteActionOptions.ExpiryInterval must be positive and at most a day (it is {options.ExpiryInterval}; the default is 5 minutes).");
        }

        if (options.MaxUploadBytes is < 1024 or > 4L * 1024 * 1024 * 1024)
        {
            failures.Add($"RemoteActionOptions.MaxUploadBytes must be between 1 KiB and 4 GiB (it is {options.MaxUploadBytes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
