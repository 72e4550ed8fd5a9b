namespace PosFleet.Digests;

/// <summary>What one call to run a digest did, and the ledger's line afterwards.</summary>
/// <param name="Key">The subscription and window.</param>
/// <param name="Outcome">What was done.</param>
/// <param name="Run">The ledger's line for the key after the call, when there is one.</param>
public sealed record DigestRunResult(DigestRunKey Key, DigestRunOutcome Outcome, DigestRun? Run);
