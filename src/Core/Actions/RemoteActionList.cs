namespace PosFleet.Actions;

/// <summary>Which actions a <see cref="RemoteActionQuery"/> lists.</summary>
public enum RemoteActionList
{
    /// <summary>Not done yet: Pending, Delivered, Running.</summary>
    Pending,

    /// <summary>Done: Succeeded, Failed, Rejected, Canceled, Expired.</summary>
    Done,

    /// <summary>Both.</summary>
    All,
}
