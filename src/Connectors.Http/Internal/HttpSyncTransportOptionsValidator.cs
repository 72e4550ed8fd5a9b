using Microsoft.Extensions.Options;

namespace PosFleet.Connectors.Http.Internal;

/// <summary>Checks <see cref="HttpSyncTransportOptions"/>: each error names the option and what to use instead.</summary>
internal sealed class HttpSyncTransportOptionsValidator : IValidateOptions<HttpSyncTransportOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpSyncTransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        CheckUri(options, errors);
        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"HttpSyncTransportOptions.AttemptTimeout is {options.AttemptTimeout}; it must be more than zero and at most 1 hour (the default is 30 seconds).");
        }

        if (options.TotalTimeout < options.AttemptTimeout || options.TotalTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"HttpSyncTransportOptions.TotalTimeout ({options.TotalTimeout}) must be at least AttemptTimeout ({options.AttemptTimeout}) and at most 1 hour (the default is 2 minutes).");
        }

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            errors.Add($"HttpSyncTransportOptions.MaxRetryAttempts is {options.MaxRetryAttempts}; it must be between 0 and 10 (the default is 3): the sync agent retries later on its own.");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromMinutes(5))
        {
            errors.Add($"HttpSyncTransportOptions.RetryDelay is {options.RetryDelay}; it must be between zero and 5 minutes (the default is 1 second).");
        }

        // Polly's circuit breaker accepts no break shorter than half a second.
        if (options.BreakDuration < TimeSpan.FromMilliseconds(500) || options.BreakDuration > TimeSpan.FromDays(1))
        {
            errors.Add($"HttpSyncTransportOptions.BreakDuration is {options.BreakDuration}; it must be between 0.5 seconds and 1 day (the default is 30 seconds).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckUri(HttpSyncTransportOptions options, List<string> errors)
    {
        var uri = options.BackOfficeUri;
        if (uri is null)
        {
            errors.Add("HttpSyncTransportOptions.BackOfficeUri is not set; set the back office's sync endpoint, such as https://backoffice.example.com/posfleet/sync.");
            return;
        }

        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"HttpSyncTransportOptions.BackOfficeUri '{uri}' is not an absolute http(s) address; use one such as https://backoffice.example.com/posfleet/sync.");
            return;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add("HttpSyncTransportOptions.BackOfficeUri carries user information; remove it: the terminal authenticates with SyncAgentOptions.Credential, and a secret in an address ends up in logs.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !options.AllowInsecureHttp)
        {
            errors.Add($"HttpSyncTransportOptions.BackOfficeUri '{uri.GetLeftPart(UriPartial.Path)}' is plain http to another machine, which would send the terminal's credential unencrypted; use https, or set AllowInsecureHttp behind a tunnel or a local TLS proxy.");
        }
    }
}
