using Microsoft.Extensions.Options;

namespace PosFleet.Status;

/// <summary>The default <see cref="ITargetVersionSource"/>: <see cref="StatusOptions.TargetVersions"/>, else <see cref="StatusOptions.TargetVersion"/>.</summary>
internal sealed class OptionsTargetVersionSource(IOptions<StatusOptions> options) : ITargetVersionSource
{
    public ValueTask<string?> GetTargetVersionAsync(string organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var value = options.Value;
        return ValueTask.FromResult(value.TargetVersions.TryGetValue(organization, out var version) ? version : value.TargetVersion);
    }
}
