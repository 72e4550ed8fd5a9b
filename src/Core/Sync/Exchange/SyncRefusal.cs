namespace PosFleet.Sync.Exchange;

/// <summary>Why the back office refused an exchange, as the terminal logs and reports it.</summary>
/// <param name="Code">What kind of refusal it is.</param>
/// <param name="Reason">A sentence for a person, such as "only terminals of version 34 and later are accepted; this one runs 33.1".</param>
public sealed record SyncRefusal(SyncRefusalCode Code, string Reason);
