using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Sync.Exchange;

namespace PosFleet.Sync.Agent;

/// <summary>
/// Checks <see cref="SyncAgentOptions"/>, that the terminal has an id and that a transport is registered: each error
/// names the option or the call that fixes it, never the credential's value.
/// </summary>
internal sealed class SyncAgentOptionsValidator(IOptions<PosFleetOptions> fleet, IServiceProviderIsService? services = null) : IValidateOptions<SyncAgentOptions>
{
    /// <summary>What to do when the agent has no transport; also the message of the agent's own registration when it is resolved without one.</summary>
    public const string NoTransport =
        "The sync agent has no transport to reach the back office: register one after AddSyncAgent, with UseHttpSyncTransport(o => o.BackOfficeUri = …) "
        + "(PosFleet.Connectors.Http) for a real back office, or AddSyncInProcessTransport(backOfficeHandler) for one in the same process (tests, demos).";

    public ValidateOptionsResult Validate(string? name, SyncAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (services is not null && !services.IsService(typeof(ISyncTransport)))
        {
            errors.Add(NoTransport);
        }

        if (string.IsNullOrWhiteSpace(fleet.Value.TerminalId))
        {
            errors.Add("PosFleetOptions.TerminalId is not set; a terminal running the sync agent needs its id (AddPosFleet(o => o.TerminalId = \"till-07\")).");
        }

        if (string.IsNullOrWhiteSpace(options.Credential))
        {
            errors.Add("SyncAgentOptions.Credential is not set; give the terminal the credential its enrolment issued, from configuration or a secret store.");
        }

        if (string.IsNullOrWhiteSpace(options.ApplicationVersion))
        {
            errors.Add("SyncAgentOptions.ApplicationVersion is empty; set the version the terminal's application runs, such as 34.2.");
        }

        void Positive(TimeSpan value, string option, string fallback)
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"SyncAgentOptions.{option} is {value}; it must be more than zero (the default is {fallback}).");
            }
        }

        Positive(options.Interval, nameof(SyncAgentOptions.Interval), "1 minute");
        Positive(options.RetryDelay, nameof(SyncAgentOptions.RetryDelay), "5 seconds");
        Positive(options.MaxRetryDelay, nameof(SyncAgentOptions.MaxRetryDelay), "5 minutes");
        if (options.IntervalJitter < TimeSpan.Zero)
        {
            errors.Add($"SyncAgentOptions.IntervalJitter is {options.IntervalJitter}; it must not be negative (zero turns it off).");
        }

        if (options.MaxRetryDelay < options.RetryDelay || options.MaxRetryDelay > TimeSpan.FromDays(1))
        {
            errors.Add($"SyncAgentOptions.MaxRetryDelay ({options.MaxRetryDelay}) must be at least SyncAgentOptions.RetryDelay ({options.RetryDelay}) and at most 1 day.");
        }

        if (options.MaxBatchMessages < 1)
        {
            errors.Add($"SyncAgentOptions.MaxBatchMessages is {options.MaxBatchMessages}; it must be at least 1 (the default is 100).");
        }

        if (options.MaxBatchBytes < 1024)
        {
            errors.Add($"SyncAgentOptions.MaxBatchBytes is {options.MaxBatchBytes}; it must be at least 1024 (the default is 1 MiB).");
        }

        if (options.MaxExchangesPerSync < 1)
        {
            errors.Add($"SyncAgentOptions.MaxExchangesPerSync is {options.MaxExchangesPerSync}; it must be at least 1 (the default is 50).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
