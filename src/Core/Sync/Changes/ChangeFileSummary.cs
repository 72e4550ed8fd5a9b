namespace PosFleet.Sync.Changes;

/// <summary>What a <see cref="ChangeBatchFile"/> export or import moved.</summary>
/// <param name="Batches">The change batches written or read.</param>
/// <param name="Rows">The row changes they hold.</param>
/// <param name="Checkpoint">The checkpoint reached: the last batch's.</param>
public sealed record ChangeFileSummary(int Batches, long Rows, long Checkpoint);
