using Microsoft.Extensions.Options;

namespace PosFleet.Actions.Terminal;

/// <summary>Checks <see cref="RemoteActionAgentOptions"/> at start-up, naming the option that is wrong.</summary>
internal sealed class RemoteActionAgentOptionsValidator : IValidateOptions<RemoteActionAgentOptions>
{
    public ValidateOptionsResult Validate(string? name, RemoteActionAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxOutputChars is < 256 or > 1024 * 1024)
        {
            failures.Add($"RemoteActionAgentOptions.MaxOutputChars must be between 256 and 1,048,576 (it is {options.MaxOutputChars}).");
        }

        if (options.MaxReportsPerExchange is < 1 or > 1000)
        {
            failures.Add($"RemoteActionAgentOptions.MaxReportsPerExchange must be between 1 and 1,000 (it is {options.MaxReportsPerExchange}).");
        }

        if (options.UploadChunkBytes is < 1024 or > 2 * 1024 * 1024)
        {
            failures.Add($"RemoteActionAgentOptions.UploadChunkBytes must be between 1 KiB and 2 MiB (it is {options.UploadChunkBytes}).");
        }

        if (options.RetryDelay < TimeSpan.Zero)
        {
            failures.Add($"RemoteActionAgentOptions.RetryDelay cannot be negative (it is {options.RetryDelay}).");
        }

        if (options.TimeoutGrace < TimeSpan.Zero || options.TimeoutGrace > TimeSpan.FromHours(1))
        {
            failures.Add($"RemoteActionAgentOptions.TimeoutGrace must be between zero and 1 hour (it is {options.TimeoutGrace}; the default is 30 seconds).");
        }

        if (string.IsNullOrWhiteSpace(options.WorkDirectory))
        {
            failures.Add("RemoteActionAgentOptions.WorkDirectory is required: a folder the terminal can write.");
        }

        if (options.MaxLogArchiveBytes < 4096)
        {
            failures.Add($"RemoteActionAgentOptions.MaxLogArchiveBytes must be at least 4,096 (it is {options.MaxLogArchiveBytes}).");
        }

        if (options.LogPaths.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("RemoteActionAgentOptions.LogPaths holds an empty path.");
        }

        if (options.JournalRetention < TimeSpan.FromDays(1))
        {
            failures.Add($"RemoteActionAgentOptions.JournalRetention must be at least 1 day (it is {options.JournalRetention}; the default is 30 days).");
        }

        if (options.RetentionInterval <= TimeSpan.Zero)
        {
            failures.Add($"RemoteActionAgentOptions.RetentionInterval must be more than zero (it is {options.RetentionInterval}; the default is 1 hour).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
