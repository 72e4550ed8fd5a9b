using Microsoft.Extensions.Options;
using PosFleet.Status;

namespace PosFleet.Updates;

/// <summary>
/// The status board's <see cref="ITargetVersionSource"/> once package updates run on the back office: an organization's
/// package target, else the versions of <see cref="StatusOptions"/>. A terminal behind the target shows yellow until
/// its heartbeat reports the target's version (the application restarted by the installer).
/// </summary>
internal sealed class PackageTargetVersionSource(IPackageTargetQuery packages, IOptions<StatusOptions> options) : ITargetVersionSource
{
    private readonly OptionsTargetVersionSource _fallback = new(options);

    public async ValueTask<string?> GetTargetVersionAsync(string organization, CancellationToken cancellationToken) =>
        await packages.GetTargetVersionAsync(organization, cancellationToken).ConfigureAwait(false)
        ?? await _fallback.GetTargetVersionAsync(organization, cancellationToken).ConfigureAwait(false);
}
