namespace PosFleet.Sync.Inbox;

/// <summary>That a terminal's outbox message was applied by the back office.</summary>
/// <param name="TerminalId">The terminal that sent it.</param>
/// <param name="MessageId">Its id (<see cref="Outbox.OutboxMessage.Id"/>).</param>
/// <param name="Organization">The terminal's organization.</param>
/// <param name="ReceivedAt">When the back office applied it; retention counts from here.</param>
public sealed record SyncInboxRecord(string TerminalId, Guid MessageId, string Organization, DateTimeOffset ReceivedAt);
