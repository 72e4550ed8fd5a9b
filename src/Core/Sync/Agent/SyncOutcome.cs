namespace PosFleet.Sync.Agent;

/// <summary>How a terminal's sync ended.</summary>
public sealed record SyncOutcome
{
    /// <summary>How it ended.</summary>
    public required SyncOutcomeStatus Status { get; init; }

    /// <summary>When it ended.</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>How many exchanges it made.</summary>
    public int Exchanges { get; init; }

    /// <summary>How many outbox messages it sent (a message sent twice counts twice).</summary>
    public int Sent { get; init; }

    /// <summary>How many outbox messages the back office acknowledged (and were deleted from the outbox).</summary>
    public int Acknowledged { get; init; }

    /// <summary>How many outbox messages the back office rejected for good (moved to the outbox's rejected messages, <see cref="Outbox.IOutbox.ListRejectedAsync"/>).</summary>
    public int Rejected { get; init; }

    /// <summary>How many messages were left in the outbox afterwards, when it could be read.</summary>
    public long? Remaining { get; init; }

    /// <summary>What went wrong, or <see langword="null"/> when it succeeded; a refusal's reason as the back office gave it.</summary>
    public string? Error { get; init; }

    /// <summary>Whether the sync failed after an exchange went through (its import, actions or acknowledgement), sent as <see cref="Exchange.SyncHeartbeat.LastErrorAfterExchange"/>.</summary>
    internal bool FailedAfterExchange { get; init; }
}
