namespace PosFleet.Actions;

/// <summary>What <see cref="IRemoteActionStore.RecordAsync"/> did with a terminal's report.</summary>
public enum RemoteActionRecordResult
{
    /// <summary>The report changed the action (a state, a result, upload bytes).</summary>
    Recorded,

    /// <summary>The report was already recorded, or came after the action's outcome: nothing changed, and it is acknowledged.</summary>
    AlreadyRecorded,

    /// <summary>
    /// Nothing written: the action is unknown or another terminal's, the state cannot follow the action's, or an upload
    /// chunk leaves a gap or passes the upload limit. The back office acknowledges the report with the reason
    /// (<see cref="RemoteActionBatch.Refusals"/>), so the terminal does not send it again.
    /// </summary>
    Refused,
}
