using PosFleet.Digests;

namespace PosFleet.Tests.Digests;

/// <summary>The one mapping from the ledger's state of a run (<see cref="DigestRunStatus"/>) to what a call did (<see cref="DigestRunOutcome"/>).</summary>
public sealed class DigestRunResultTests
{
    [Theory]
    [InlineData(DigestRunStatus.Sent, DigestRunOutcome.Sent)]
    [InlineData(DigestRunStatus.PartiallySent, DigestRunOutcome.PartiallySent)]
    [InlineData(DigestRunStatus.BelowThreshold, DigestRunOutcome.BelowThreshold)]
    [InlineData(DigestRunStatus.Failed, DigestRunOutcome.Failed)]
    [InlineData(DigestRunStatus.Pending, DigestRunOutcome.Pending)]
    [InlineData(DigestRunStatus.InProgress, DigestRunOutcome.Pending)]
    public void OutcomeOf_EachLedgerState_IsWhatTheCallDid(DigestRunStatus status, DigestRunOutcome expected)
    {
        Assert.Equal(expected, DigestRunResult.OutcomeOf(status));
    }

    [Fact]
    public void OutcomeOf_EveryOutcomeButSkipped_NamesALedgerState()
    {
        var reached = Enum.GetValues<DigestRunStatus>().Select(DigestRunResult.OutcomeOf).ToHashSet();

        Assert.Equal(Enum.GetValues<DigestRunOutcome>().Where(o => o != DigestRunOutcome.Skipped).Order(), reached.Order());
    }

    [Fact]
    public void OutcomeOf_UnknownState_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DigestRunResult.OutcomeOf((DigestRunStatus)42));
    }
}
