using System.Data.Common;

namespace PosFleet.Sync.Inbox;

/// <summary>Who sent an outbox message, as the back office authenticated it, and the inbox transaction to apply it in.</summary>
public sealed record OutboxMessageContext
{
    /// <summary>The authenticated terminal that sent the message.</summary>
    public required string TerminalId { get; init; }

    /// <summary>The terminal's organization, as it was enrolled (never as the request claimed it).</summary>
    public required string Organization { get; init; }

    /// <summary>The connection of the inbox transaction (with SQLite, a <c>SqliteConnection</c>), or <see langword="null"/> with the in-memory store.</summary>
    public DbConnection? Connection { get; init; }

    /// <summary>The inbox transaction to write in (with SQLite, a <c>SqliteTransaction</c>), or <see langword="null"/> with the in-memory store.</summary>
    public DbTransaction? Transaction { get; init; }

    /// <summary>When the back office received the message.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }
}
