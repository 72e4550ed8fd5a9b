namespace PosFleet.Logs;

/// <summary>What went wrong on a log line, in the words of the digest subscriptions.</summary>
public enum LogKind : byte
{
    /// <summary>The line reports nothing that went wrong.</summary>
    None = 0,

    /// <summary>An action of the system failed; not always related to the local network.</summary>
    Error = 1,

    /// <summary>A print or another action failed; often related to the local network.</summary>
    Fail = 2,

    /// <summary>The device or a peripheral (printer, payment terminal) lost its connection.</summary>
    Offline = 3,

    /// <summary>The system retried an action, such as saving a ticket.</summary>
    Retry = 4,
}
