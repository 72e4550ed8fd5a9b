using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PosFleet.Status;

namespace PosFleet.Updates;

/// <summary>The rules of a staged rollout, in one place: who is in the current stage, when it widens, when it halts.</summary>
internal static class PackageRollouts
{
    /// <summary>What is wrong with a list of stages, or <see langword="null"/>.</summary>
    public static string? CheckStages(IReadOnlyList<int> stages)
    {
        if (stages.Count == 0)
        {
            return "there are no stages; use growing percentages ending at 100, such as 10, 50, 100 (or just 100 for every terminal at once).";
        }

        for (var i = 0; i < stages.Count; i++)
        {
            if (stages[i] is < 1 or > 100 || (i > 0 && stages[i] <= stages[i - 1]))
            {
                return $"the stages {string.Join(", ", stages)} are not growing percentages from 1 to 100; use such as 10, 50, 100.";
            }
        }

        return stages[^1] == 100 ? null : $"the last stage is {stages[^1]} %; it must be 100, so that every terminal is reached in the end.";
    }

    /// <summary>The organization's terminals in rollout order: by the SHA-256 of organization, package, version and terminal id (stable, and another order for each version).</summary>
    public static List<string> Order(string organization, string packageId, string version, IEnumerable<string> terminals) =>
        [.. terminals.Distinct(StringComparer.Ordinal)
            .Select(t => (Terminal: t, Key: Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{organization}\n{packageId}\n{version}\n{t}")))))
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .ThenBy(t => t.Terminal, StringComparer.Ordinal)
            .Select(t => t.Terminal)];

    /// <summary>How many of <paramref name="count"/> terminals the current stage takes: its share, rounded up (at least one of a non-empty organization).</summary>
    public static int Selected(PackageRollout rollout, int count) =>
        (int)Math.Min(count, Math.Ceiling(rollout.CurrentShare * (long)count / 100.0));

    public static bool HasFailed(TerminalPackageStatus? status, string version) =>
        status?.LastResult is { Outcome: PackageOutcome.Failed or PackageOutcome.Rejected } result && string.Equals(result.Version, version, StringComparison.Ordinal);

    public static bool HasDeclined(TerminalPackageStatus? status, string version) =>
        status?.DeclinedVersion is { } declined && VersionKey.IsAtLeast(declined, version);

    /// <summary>
    /// The rollout after the terminals' latest reports: halted when the failures of the target version reported since the
    /// rollout last changed (set, widened, halted or resumed) pass the threshold of the current stage's size; widened one
    /// stage when enough of the stage installed or declined it. Failures from before a resume do not halt it again.
    /// </summary>
    public static PackageRollout Evaluate(PackageTarget target, IReadOnlyList<string> ordered, IReadOnlyDictionary<string, TerminalPackageStatus> statuses, DateTimeOffset now)
    {
        var rollout = target.Rollout;
        if (rollout.IsHalted || ordered.Count == 0)
        {
            return rollout;
        }

        var selected = Selected(rollout, ordered.Count);
        var failed = ordered.Where(t => statuses.GetValueOrDefault(t) is { } s && s.ReportedAt >= rollout.ChangedAt && HasFailed(s, target.Version)).ToList();
        if (failed.Count > rollout.FailureThreshold * selected)
        {
            var last = failed.Select(t => statuses[t]).OrderByDescending(s => s.ReportedAt).First();
            return rollout with
            {
                HaltedReason = string.Create(CultureInfo.InvariantCulture,
                    $"{failed.Count} of the {selected} terminals of stage {rollout.Stage + 1} ({rollout.CurrentShare} %) failed to install {target.Version}, past the threshold of {rollout.FailureThreshold:P0}; last: {last.TerminalId}: {last.LastResult!.Detail}"),
                ChangedAt = now,
            };
        }

        if (rollout.Stage >= rollout.Stages.Count - 1)
        {
            return rollout;
        }

        var done = ordered.Take(selected).Count(t => statuses.GetValueOrDefault(t) is { } s && (VersionKey.IsAtLeast(s.InstalledVersion, target.Version) || HasDeclined(s, target.Version)));
        return done >= Math.Ceiling(rollout.WidenAt * selected) ? rollout with { Stage = rollout.Stage + 1, ChangedAt = now } : rollout;
    }

    /// <summary>Whether <paramref name="text"/> is a SHA-256 in hexadecimal.</summary>
    public static bool IsSha256(string? text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigit);

    /// <summary>A detail cut to what the back office keeps.</summary>
    public static string? Bound(string? text, int max = 2000) => text is null || text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
