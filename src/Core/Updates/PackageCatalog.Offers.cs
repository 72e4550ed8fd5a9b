using PosFleet.Status;
using PosFleet.Sync.Exchange;

namespace PosFleet.Updates;

internal sealed partial class PackageCatalog
{
    /// <summary>
    /// The exchange's part (called by the back office's handler with the credential's organization, never the one the
    /// request states): records the terminal's report, moves the rollout on (widen or halt), and answers with the
    /// organization's target when this terminal should take it. A terminal that sent no report takes no packages.
    /// </summary>
    internal async ValueTask<PackageOffer?> OfferAsync(string organization, string terminalId, PackageReport? report, CancellationToken cancellationToken)
    {
        if (report is null || string.IsNullOrWhiteSpace(report.PackageId))
        {
            return null;
        }

        var target = await store.GetTargetAsync(organization, cancellationToken).ConfigureAwait(false);
        var status = await RecordAsync(organization, terminalId, report, cancellationToken).ConfigureAwait(false);
        if (target is null || !string.Equals(target.PackageId, report.PackageId, StringComparison.Ordinal))
        {
            return null;
        }

        var (ordered, statuses) = await RolloutStateAsync(target, cancellationToken).ConfigureAwait(false);
        if (status.Changed)
        {
            if (await EvaluateAsync(target, ordered, statuses, cancellationToken).ConfigureAwait(false) is not { } evaluated)
            {
                return null;
            }

            target = evaluated;
        }

        var current = status.Status;
        if (target.Rollout.IsHalted
            || VersionKey.IsAtLeast(current.InstalledVersion, target.Version)
            || PackageRollouts.HasDeclined(current, target.Version)
            || PackageRollouts.HasFailed(current, target.Version))
        {
            return null;
        }

        var rank = ordered.IndexOf(terminalId);
        if (rank < 0 || rank >= PackageRollouts.Selected(target.Rollout, ordered.Count))
        {
            return null;
        }

        var release = await store.GetReleaseAsync(target.PackageId, target.Version, cancellationToken).ConfigureAwait(false);
        if (release is null)
        {
            return null;
        }

        Log.Offered(logger, terminalId, organization, release.PackageId, release.Version);
        return PackageOffer.From(release);
    }

    /// <summary>Merges the report into what the back office knows of the terminal; writes only what changed, so a replayed request writes nothing.</summary>
    private async ValueTask<(TerminalPackageStatus Status, bool Changed)> RecordAsync(string organization, string terminalId, PackageReport report, CancellationToken cancellationToken)
    {
        var previous = await store.GetTerminalAsync(organization, terminalId, report.PackageId, cancellationToken).ConfigureAwait(false);
        var result = report.LastResult is { } r && ApplicationVersion.TryParse(r.Version, out _) && Enum.IsDefined(r.Outcome)
            ? r with { Detail = PackageRollouts.Bound(r.Detail) }
            : previous?.LastResult;
        var declined = previous?.DeclinedVersion;
        if (result is { Outcome: PackageOutcome.Declined } && !VersionKey.IsAtLeast(declined, result.Version))
        {
            declined = result.Version;
        }

        var installed = ApplicationVersion.TryParse(report.InstalledVersion, out _) ? PackageRollouts.Bound(report.InstalledVersion, 100) : previous?.InstalledVersion;
        if (previous is not null && previous.InstalledVersion == installed && previous.LastResult == result && previous.DeclinedVersion == declined)
        {
            return (previous, false);
        }

        var status = new TerminalPackageStatus
        {
            Organization = organization,
            TerminalId = terminalId,
            PackageId = report.PackageId,
            InstalledVersion = installed,
            LastResult = result,
            DeclinedVersion = declined,
            ReportedAt = time.GetUtcNow(),
        };
        await store.RecordTerminalAsync(status, cancellationToken).ConfigureAwait(false);
        if (result is not null && result != previous?.LastResult)
        {
            Log.Reported(logger, terminalId, organization, report.PackageId, result.Version, result.Outcome, result.Detail);
        }

        return (status, true);
    }

    private async ValueTask<PackageTarget?> EvaluateAsync(PackageTarget target, List<string> ordered, Dictionary<string, TerminalPackageStatus> statuses, CancellationToken cancellationToken)
    {
        var rollout = PackageRollouts.Evaluate(target, ordered, statuses, time.GetUtcNow());
        if (rollout == target.Rollout)
        {
            return target;
        }

        if (!await store.UpdateRolloutAsync(target.Organization, target.Version, target.Rollout, rollout, cancellationToken).ConfigureAwait(false))
        {
            // Changed meanwhile (an operator's halt, another exchange's widen): that change stands and this offer follows
            // it; the next report evaluates again. A target replaced meanwhile offers nothing this time.
            return await store.GetTargetAsync(target.Organization, cancellationToken).ConfigureAwait(false) is { } current
                && string.Equals(current.PackageId, target.PackageId, StringComparison.Ordinal) && string.Equals(current.Version, target.Version, StringComparison.Ordinal)
                ? current
                : null;
        }

        if (rollout.IsHalted)
        {
            Log.Halted(logger, target.Organization, target.PackageId, target.Version, rollout.HaltedReason!);
            await PublishHaltedAsync(target with { Rollout = rollout }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Log.Widened(logger, target.Organization, target.PackageId, target.Version, rollout.CurrentShare);
        }

        return target with { Rollout = rollout };
    }
}
