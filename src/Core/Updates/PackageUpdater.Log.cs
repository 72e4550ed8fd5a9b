using Microsoft.Extensions.Logging;

namespace PosFleet.Updates;

internal sealed partial class PackageUpdater
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Offer of {PackageId} {Version} ignored: this terminal installs {OwnPackageId} and runs {Installed}.")]
        public static partial void Ignored(ILogger logger, string packageId, string version, string ownPackageId, string installed);

        [LoggerMessage(20, LogLevel.Information, "Offer of {PackageId} {Version} ignored: it is on channel {Channel}, this terminal follows {OwnChannel}.")]
        public static partial void OtherChannel(ILogger logger, string packageId, string version, string channel, string ownChannel);

        [LoggerMessage(2, LogLevel.Information, "The till's user answered {Answer} to {PackageId} {Version}.")]
        public static partial void Answered(ILogger logger, string packageId, string version, PackageConfirmationAnswer answer);

        [LoggerMessage(3, LogLevel.Warning, "Package {PackageId} {Version} not installed ({Outcome}): {Detail}")]
        public static partial void NotInstalled(ILogger logger, string packageId, string version, PackageOutcome outcome, string detail);

        [LoggerMessage(4, LogLevel.Error, "The installer failed on package {PackageId} {Version}.")]
        public static partial void InstallFailed(ILogger logger, string packageId, string version, Exception exception);

        [LoggerMessage(5, LogLevel.Information, "Installed package {PackageId} {Version}.")]
        public static partial void Installed(ILogger logger, string packageId, string version);

        [LoggerMessage(6, LogLevel.Information, "The process stopped inside the installer of {PackageId} {Version}; it now runs {Running}: {Outcome}.")]
        public static partial void InstallEnded(ILogger logger, string packageId, string version, string running, PackageOutcome outcome);

        [LoggerMessage(7, LogLevel.Warning, "Package updates run without an IPackageInstallGate: packages install even while a ticket or a shift is open. Register one with AddPackageInstallGate.")]
        public static partial void NoGate(ILogger logger);
    }
}
