using Microsoft.Extensions.Options;

namespace PosFleet.Logs.Ingest;

/// <summary>What the ingest service of <c>AddLogIngest</c> needs besides valid ingest options: something to tail.</summary>
internal sealed class LogIngestServiceOptionsValidator : IValidateOptions<LogIngestOptions>
{
    public ValidateOptionsResult Validate(string? name, LogIngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != LogIngestService.OptionsName)
        {
            return ValidateOptionsResult.Skip;
        }

        return options.Paths.Count == 0
            ? ValidateOptionsResult.Fail(
                "LogIngestOptions.Paths is empty; AddLogIngest tails the files and directories it names: add one, such as o.Paths.Add(\"/var/log/pos\").")
            : ValidateOptionsResult.Success;
    }
}
