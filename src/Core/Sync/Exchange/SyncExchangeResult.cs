namespace PosFleet.Sync.Exchange;

/// <summary>What <see cref="ISyncExchangeHandler.HandleAsync"/> returns.</summary>
/// <param name="Status">How the exchange was dealt with.</param>
/// <param name="Response">The response when <paramref name="Status"/> is <see cref="SyncExchangeStatus.Ok"/>; otherwise <see langword="null"/>.</param>
/// <param name="Error">Why the request was refused, safe to send to the terminal (it names no secret); <see langword="null"/> when handled.</param>
public sealed record SyncExchangeResult(SyncExchangeStatus Status, SyncResponse? Response, string? Error = null);
