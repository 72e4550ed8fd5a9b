using Microsoft.Extensions.Options;

namespace PosFleet.AspNetCore.Internal;

/// <summary>Checks <see cref="SyncEndpointOptions"/>: each error names the option and a value to use.</summary>
internal sealed class SyncEndpointOptionsValidator : IValidateOptions<SyncEndpointOptions>
{
    /// <summary>The largest body limit accepted: beyond it a single request could hold a worker for long.</summary>
    internal const long MaxRequestBodyLimit = 256L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, SyncEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxRequestBodyBytes is < 1024 or > MaxRequestBodyLimit
            ? ValidateOptionsResult.Fail($"SyncEndpointOptions.MaxRequestBodyBytes is {options.MaxRequestBodyBytes}; it must be between 1024 and {MaxRequestBodyLimit} (the default is 4 MiB).")
            : ValidateOptionsResult.Success;
    }
}
