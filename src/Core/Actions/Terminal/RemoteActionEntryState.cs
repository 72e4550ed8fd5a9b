namespace PosFleet.Actions.Terminal;

/// <summary>Where an action stands in a terminal's journal.</summary>
public enum RemoteActionEntryState
{
    /// <summary>Received, not started.</summary>
    Received,

    /// <summary>An attempt started and has not ended: found so after a restart, the terminal stopped while it ran (a recovery).</summary>
    Running,

    /// <summary>Ended; its file is still being uploaded, and its outcome goes up once the upload is complete.</summary>
    Uploading,

    /// <summary>Ended; its outcome is reported (or waits in the journal to be).</summary>
    Finished,
}
