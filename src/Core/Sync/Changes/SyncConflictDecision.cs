namespace PosFleet.Sync.Changes;

/// <summary>What an <see cref="ISyncConflictResolver"/> decides for one row.</summary>
public enum SyncConflictDecision
{
    /// <summary>The terminal's row stays as it is.</summary>
    KeepLocal,

    /// <summary>The back office's change is applied (the row replaced, or deleted).</summary>
    TakeIncoming,
}
