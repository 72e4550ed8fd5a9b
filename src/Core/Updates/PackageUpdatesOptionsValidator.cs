using Microsoft.Extensions.Options;
using PosFleet.Sync.Exchange;

namespace PosFleet.Updates;

/// <summary>Checks <see cref="PackageUpdatesOptions"/>: each error names the option, its value and what to use instead.</summary>
internal sealed class PackageUpdatesOptionsValidator : IValidateOptions<PackageUpdatesOptions>
{
    public ValidateOptionsResult Validate(string? name, PackageUpdatesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.PackageId))
        {
            errors.Add("PackageUpdatesOptions.PackageId is not set; name the package this terminal installs, such as 'pos'.");
        }

        if (string.IsNullOrWhiteSpace(options.Channel))
        {
            errors.Add("PackageUpdatesOptions.Channel is empty; name the channel this terminal follows (the default is 'stable').");
        }

        if (options.InstalledVersion is { } installed && !ApplicationVersion.TryParse(installed, out _))
        {
            errors.Add($"PackageUpdatesOptions.InstalledVersion '{installed}' is not a version; use numbers separated by dots, such as 34.2.");
        }

        if (!Enum.IsDefined(options.ConfirmationPolicy))
        {
            errors.Add($"PackageUpdatesOptions.ConfirmationPolicy is {options.ConfirmationPolicy}; use Always, Once or Never.");
        }

        if (options.MaintenanceWindowStart.HasValue != options.MaintenanceWindowEnd.HasValue)
        {
            errors.Add("PackageUpdatesOptions.MaintenanceWindowStart and MaintenanceWindowEnd go together: set both (such as 22:00 and 05:00) or neither.");
        }
        else if (options.MaintenanceWindowStart is { } start && start == options.MaintenanceWindowEnd)
        {
            errors.Add($"PackageUpdatesOptions.MaintenanceWindowStart and MaintenanceWindowEnd are both {start}; an empty window would never open: leave both unset for any time.");
        }

        if (options.MaintenanceTimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors.Add($"PackageUpdatesOptions.MaintenanceTimeZone '{zone}' is not a time zone this machine knows; use an id such as Europe/Paris.");
        }

        if (string.IsNullOrWhiteSpace(options.DownloadDirectory))
        {
            errors.Add("PackageUpdatesOptions.DownloadDirectory is empty; name a folder the terminal can write.");
        }

        if (options.ConfirmationTimeout < TimeSpan.FromSeconds(1) || options.ConfirmationTimeout > TimeSpan.FromDays(1))
        {
            errors.Add($"PackageUpdatesOptions.ConfirmationTimeout is {options.ConfirmationTimeout}; use from 1 second to 1 day, such as 00:05:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
