using Microsoft.Extensions.Options;

namespace PosFleet.Logs.Ingest;

/// <summary>Checks <see cref="LogIngestOptions"/>: each error names the option, its value and what to use instead.</summary>
internal sealed class LogIngestOptionsValidator : IValidateOptions<LogIngestOptions>
{
    public static LogIngestOptionsValidator Instance { get; } = new();

    public ValidateOptionsResult Validate(string? name, LogIngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.BatchSize < 1)
        {
            errors.Add($"LogIngestOptions.BatchSize is {options.BatchSize}; it must be at least 1 (the default is 65536).");
        }

        if (options.ChannelCapacity < 1)
        {
            errors.Add($"LogIngestOptions.ChannelCapacity is {options.ChannelCapacity}; it must be at least 1 (the default is 8).");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            errors.Add($"LogIngestOptions.PollInterval is {options.PollInterval}; it must be more than zero (the default is 500 milliseconds).");
        }

        if (string.IsNullOrWhiteSpace(options.DirectoryGlob))
        {
            errors.Add("LogIngestOptions.DirectoryGlob is empty; use a file-name pattern such as '*.log' (the default).");
        }

        if (options.Paths.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("LogIngestOptions.Paths holds an empty path; remove it, or name a file or directory.");
        }

        if (options.Organization is { } organization && string.IsNullOrWhiteSpace(organization))
        {
            errors.Add("LogIngestOptions.Organization is blank; leave it null or name the organization.");
        }

        if (options.Terminal is { } terminal && string.IsNullOrWhiteSpace(terminal))
        {
            errors.Add("LogIngestOptions.Terminal is blank; leave it null or name the terminal.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Throws an <see cref="OptionsValidationException"/> listing what is wrong with <paramref name="options"/>.</summary>
    public static void ThrowIfInvalid(LogIngestOptions options)
    {
        var result = Instance.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(LogIngestOptions), result.Failures);
        }
    }
}
