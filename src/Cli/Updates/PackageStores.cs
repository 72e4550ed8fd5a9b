using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PosFleet.Cli.Commands;
using PosFleet.Sync;
using PosFleet.Updates;

namespace PosFleet.Cli.Updates;

/// <summary>The one container of a package command: the back office as a vendor's host composes it (<c>AddSyncBackOffice</c> and <c>AddPackageBackOffice</c>) over its SQLite file.</summary>
internal static class PackageStores
{
    public static (StoreAccess? Access, int ExitCode) OpenBackOffice(FileInfo file, bool create)
    {
        if (!create && !file.Exists)
        {
            return (null, ScanCommand.Fail(ExitCodes.StoreUnavailable, $"The back office store '{file.FullName}' does not exist: publish a package into it first ('posfleet package publish --store {file.Name} …'), or name the back office's file."));
        }

        return StoreAccess.Open(file, create, builder =>
        {
            // The catalog logs what it publishes and decides; the tool prints its own lines, so no provider.
            builder.Services.TryAddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
            builder.AddSyncBackOffice().AddPackageBackOffice();
        });
    }
}
