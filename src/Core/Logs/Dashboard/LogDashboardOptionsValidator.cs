using Microsoft.Extensions.Options;

namespace PosFleet.Logs.Dashboard;

/// <summary>Checks <see cref="LogDashboardOptions"/> at start-up; its rules also check each <see cref="LogDashboardQuery"/>.</summary>
internal sealed class LogDashboardOptionsValidator : IValidateOptions<LogDashboardOptions>
{
    /// <summary>The longest window: a year of hours, as the store keeps them.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    public ValidateOptionsResult Validate(string? name, LogDashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (WindowError(options.Window) is { } window)
        {
            errors.Add($"LogDashboardOptions.Window {window}");
        }

        if (TopError(options.Top) is { } top)
        {
            errors.Add($"LogDashboardOptions.Top {top}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>What is wrong with a window, or <see langword="null"/>.</summary>
    public static string? WindowError(TimeSpan window) =>
        window < TimeSpan.FromHours(1) || window > MaxWindow || window.Ticks % TimeSpan.TicksPerHour != 0
            ? $"is {window}; use a whole number of hours from 1 hour to 366 days, such as 48:00:00."
            : null;

    /// <summary>What is wrong with a top-N, or <see langword="null"/>.</summary>
    public static string? TopError(int top) => top < 1 ? $"is {top}; list at least 1 template and terminal." : null;
}
