using Microsoft.Extensions.Logging;

namespace PosFleet.Updates;

internal sealed partial class PackageCatalog
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Published package {PackageId} {Version} on channel {Channel} ({Size} bytes).")]
        public static partial void Published(ILogger logger, string packageId, string version, string channel, long size);

        [LoggerMessage(2, LogLevel.Information, "Organization {Organization} now targets {PackageId} {Version}; the rollout starts with {Share} % of its terminals.")]
        public static partial void TargetSet(ILogger logger, string organization, string packageId, string version, int share);

        [LoggerMessage(3, LogLevel.Information, "The rollout of {Version} in organization {Organization} is now at {Share} %, halted: {HaltedReason}.")]
        public static partial void RolloutChanged(ILogger logger, string organization, string version, int share, string? haltedReason);

        [LoggerMessage(4, LogLevel.Debug, "Offered {PackageId} {Version} to terminal {TerminalId} of {Organization}.")]
        public static partial void Offered(ILogger logger, string terminalId, string organization, string packageId, string version);

        [LoggerMessage(5, LogLevel.Information, "Terminal {TerminalId} of {Organization} reports {PackageId} {Version}: {Outcome} ({Detail}).")]
        public static partial void Reported(ILogger logger, string terminalId, string organization, string packageId, string version, PackageOutcome outcome, string? detail);

        [LoggerMessage(6, LogLevel.Warning, "The rollout of {PackageId} {Version} in organization {Organization} is halted: {Reason}")]
        public static partial void Halted(ILogger logger, string organization, string packageId, string version, string reason);

        [LoggerMessage(8, LogLevel.Information, "Package {PackageId} {Version} has a new location; its size and SHA-256 are unchanged.")]
        public static partial void LocationRenewed(ILogger logger, string packageId, string version);

        [LoggerMessage(7, LogLevel.Information, "The rollout of {PackageId} {Version} in organization {Organization} widened to {Share} % of its terminals.")]
        public static partial void Widened(ILogger logger, string organization, string packageId, string version, int share);
    }
}
