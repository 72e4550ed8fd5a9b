using PosFleet.Updates;
using Xunit;

namespace PosFleet.Testing.Updates;

/// <summary>
/// What every <see cref="IPackageStore"/> must do, whatever keeps it (memory, SQLite, PostgreSQL): derive from this
/// class and return a new, empty store from <see cref="CreateStoreAsync"/>. Releases never change once published;
/// one target per organization; a rollout decided for an older target is dropped; terminals stay within their organization.
/// </summary>
public abstract class PackageStoreConformanceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A new, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IPackageStore> CreateStoreAsync();

    private static PackageRelease Release(string version, string packageId = "pos", int minutes = 0) => new()
    {
        PackageId = packageId,
        Version = version,
        Channel = "beta",
        Size = 123_456_789_012,
        Sha256 = new string('a', 63) + version[0],
        Location = new Uri($"https://packages.example.com/{packageId}/{version}/pos é.zip"),
        PublishedAt = Now.AddMinutes(minutes),
    };

    private static PackageTarget Target(string organization, string version) => new()
    {
        Organization = organization,
        PackageId = "pos",
        Version = version,
        SetAt = Now,
        Rollout = new PackageRollout { Stages = [5, 25, 100], Stage = 1, WidenAt = 0.75, FailureThreshold = 0.125, ChangedAt = Now.AddSeconds(1) },
    };

    /// <summary>A release reads back field for field; the same id and version is not published twice, and the first stays.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryPublishAsync_SameIdAndVersionTwice_SecondRefusedFirstKept()
    {
        var store = await CreateStoreAsync();

        var first = await store.TryPublishAsync(Release("35.0"), default);
        var second = await store.TryPublishAsync(Release("35.0") with { Sha256 = new string('b', 64) }, default);
        var read = await store.GetReleaseAsync("pos", "35.0", default);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(Release("35.0"), read);
        Assert.Null(await store.GetReleaseAsync("pos", "35.00", default));
        Assert.Null(await store.GetReleaseAsync("other", "35.0", default));
    }

    /// <summary>A release's location is renewed only while its size and SHA-256 are unchanged; other content is never written.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RenewLocationAsync_SameSizeAndHash_LocationReplacedOtherContentRefused()
    {
        var store = await CreateStoreAsync();
        await store.TryPublishAsync(Release("35.0"), default);
        var renewed = Release("35.0") with { Location = new Uri("https://fleet:N3w-pass@packages.example.com/pos/35.0/pos.zip?sig=renewed") };

        var otherHash = await store.RenewLocationAsync(renewed with { Sha256 = new string('b', 64) }, default);
        var otherSize = await store.RenewLocationAsync(renewed with { Size = 1 }, default);
        var unpublished = await store.RenewLocationAsync(renewed with { Version = "36.0" }, default);
        Assert.Equal(Release("35.0"), await store.GetReleaseAsync("pos", "35.0", default));
        var replaced = await store.RenewLocationAsync(renewed, default);

        Assert.False(otherHash);
        Assert.False(otherSize);
        Assert.False(unpublished);
        Assert.True(replaced);
        Assert.Equal(renewed, await store.GetReleaseAsync("pos", "35.0", default));
        Assert.Null(await store.GetReleaseAsync("pos", "36.0", default));
    }

    /// <summary>Releases list by package id, then publication time, and narrow to one package.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListReleasesAsync_SeveralPackages_ByPackageThenPublicationTime()
    {
        var store = await CreateStoreAsync();
        await store.TryPublishAsync(Release("36.0", minutes: 2), default);
        await store.TryPublishAsync(Release("1.0", "agent", minutes: 3), default);
        await store.TryPublishAsync(Release("35.0", minutes: 1), default);

        var all = await store.ListReleasesAsync(null, default);
        var pos = await store.ListReleasesAsync("pos", default);

        Assert.Equal([("agent", "1.0"), ("pos", "35.0"), ("pos", "36.0")], all.Select(r => (r.PackageId, r.Version)));
        Assert.Equal(["35.0", "36.0"], pos.Select(r => r.Version));
    }

    /// <summary>One target per organization, replaced whole, with its rollout; organizations apart.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SetTargetAsync_Twice_ReplacesTheOrganizationsTargetOnly()
    {
        var store = await CreateStoreAsync();
        await store.SetTargetAsync(Target("ACME", "35.0"), default);
        await store.SetTargetAsync(Target("BETA", "34.0"), default);
        await store.SetTargetAsync(Target("ACME", "36.0") with { Rollout = new PackageRollout { Stages = [100], HaltedReason = "stop", ChangedAt = Now } }, default);

        var acme = await store.GetTargetAsync("ACME", default);
        var beta = await store.GetTargetAsync("BETA", default);

        Assert.Equal("36.0", acme!.Version);
        Assert.Equal([100], acme.Rollout.Stages);
        Assert.Equal("stop", acme.Rollout.HaltedReason);
        Assert.Equal("34.0", beta!.Version);
        Assert.Equal([5, 25, 100], beta.Rollout.Stages);
        Assert.Equal((1, 0.75, 0.125, Now.AddSeconds(1), (string?)null), (beta.Rollout.Stage, beta.Rollout.WidenAt, beta.Rollout.FailureThreshold, beta.Rollout.ChangedAt, beta.Rollout.HaltedReason));
        Assert.Equal(["ACME", "BETA"], (await store.ListTargetsAsync(default)).Select(t => t.Organization));
        Assert.Null(await store.GetTargetAsync("GAMMA", default));
    }

    /// <summary>A rollout decided for a target that has since changed is dropped.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpdateRolloutAsync_TargetChangedMeanwhile_DropsTheStaleRollout()
    {
        var store = await CreateStoreAsync();
        await store.SetTargetAsync(Target("ACME", "35.0"), default);
        var widened = Target("ACME", "35.0").Rollout with { Stage = 2, ChangedAt = Now.AddHours(1) };

        var applied = await store.UpdateRolloutAsync("ACME", "35.0", Target("ACME", "35.0").Rollout, widened, default);
        await store.SetTargetAsync(Target("ACME", "36.0"), default);
        var stale = await store.UpdateRolloutAsync("ACME", "35.0", Target("ACME", "36.0").Rollout, widened with { HaltedReason = "late" }, default);
        var missing = await store.UpdateRolloutAsync("BETA", "35.0", Target("ACME", "35.0").Rollout, widened, default);

        Assert.True(applied);
        Assert.False(stale);
        Assert.False(missing);
        var target = await store.GetTargetAsync("ACME", default);
        Assert.Equal(("36.0", 1, (string?)null), (target!.Version, target.Rollout.Stage, target.Rollout.HaltedReason));
    }

    /// <summary>
    /// A rollout change decided from a stale read is refused (a compare-and-swap on stage, halted reason and change time):
    /// an exchange's widen, decided before an operator's halt, does not overwrite it; a halt over the halt it read is applied.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpdateRolloutAsync_ChangedSinceItWasRead_RefusedAndTheOtherChangeKept()
    {
        var store = await CreateStoreAsync();
        await store.SetTargetAsync(Target("ACME", "35.0"), default);
        var read = (await store.GetTargetAsync("ACME", default))!.Rollout;
        var halted = read with { HaltedReason = "bad build reported by the help desk", ChangedAt = Now.AddMinutes(1) };
        var widened = read with { Stage = read.Stage + 1, ChangedAt = Now.AddMinutes(2) };

        var halt = await store.UpdateRolloutAsync("ACME", "35.0", read, halted, default);
        var widen = await store.UpdateRolloutAsync("ACME", "35.0", read, widened, default);
        var resumedThenHaltedAgain = await store.UpdateRolloutAsync("ACME", "35.0", halted with { HaltedReason = "another reason" }, widened, default);
        var resume = await store.UpdateRolloutAsync("ACME", "35.0", halted, halted with { HaltedReason = null, ChangedAt = Now.AddMinutes(3) }, default);

        Assert.Equal((true, false, false, true), (halt, widen, resumedThenHaltedAgain, resume));
        var target = await store.GetTargetAsync("ACME", default);
        Assert.Equal((read.Stage, (string?)null, Now.AddMinutes(3)), (target!.Rollout.Stage, target.Rollout.HaltedReason, target.Rollout.ChangedAt));
    }

    /// <summary>A terminal's state is replaced whole, read back field for field, and listed within its organization only.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RecordTerminalAsync_Replaced_ReadsBackWithinItsOrganizationOnly()
    {
        var store = await CreateStoreAsync();
        var result = new PackageResult { Version = "35.0", Outcome = PackageOutcome.Rejected, Detail = "SHA-256 différent", At = Now.AddMinutes(-1) };
        await store.RecordTerminalAsync(new TerminalPackageStatus { Organization = "ACME", TerminalId = "till-2", PackageId = "pos", InstalledVersion = "34.0", ReportedAt = Now }, default);
        var status = new TerminalPackageStatus { Organization = "ACME", TerminalId = "till-2", PackageId = "pos", InstalledVersion = "34.1", LastResult = result, DeclinedVersion = "33.0", ReportedAt = Now.AddMinutes(1) };
        await store.RecordTerminalAsync(status, default);
        await store.RecordTerminalAsync(new TerminalPackageStatus { Organization = "ACME", TerminalId = "till-1", PackageId = "pos", ReportedAt = Now }, default);
        await store.RecordTerminalAsync(new TerminalPackageStatus { Organization = "BETA", TerminalId = "till-9", PackageId = "pos", ReportedAt = Now }, default);
        await store.RecordTerminalAsync(new TerminalPackageStatus { Organization = "ACME", TerminalId = "till-1", PackageId = "agent", ReportedAt = Now }, default);

        Assert.Equal(status, await store.GetTerminalAsync("ACME", "till-2", "pos", default));
        Assert.Null(await store.GetTerminalAsync("BETA", "till-2", "pos", default));
        Assert.Equal(["till-1", "till-2"], (await store.ListTerminalsAsync("ACME", "pos", default)).Select(s => s.TerminalId));
        Assert.Equal(3, (await store.ListTerminalsAsync("ACME", null, default)).Count);
        Assert.Equal(["till-9"], (await store.ListTerminalsAsync("BETA", "pos", default)).Select(s => s.TerminalId));
    }
}
