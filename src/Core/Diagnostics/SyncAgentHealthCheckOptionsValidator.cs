using System.Globalization;
using Microsoft.Extensions.Options;

namespace PosFleet.Diagnostics;

/// <summary>Checks <see cref="SyncAgentHealthCheckOptions"/>: each error names the option and what it takes.</summary>
internal sealed class SyncAgentHealthCheckOptionsValidator : IValidateOptions<SyncAgentHealthCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncAgentHealthCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.GracePeriod <= TimeSpan.Zero)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"SyncAgentHealthCheckOptions.GracePeriod ({options.GracePeriod}) must be more than zero, such as 00:05:00 for five minutes."));
        }

        if (options.IntervalFactor is < 1 or > 1000)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"SyncAgentHealthCheckOptions.IntervalFactor ({options.IntervalFactor}) must be from 1 to 1000 sync intervals; the default is 3."));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
