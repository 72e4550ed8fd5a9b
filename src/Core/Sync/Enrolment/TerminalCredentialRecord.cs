namespace PosFleet.Sync.Enrolment;

/// <summary>A terminal's credential as the back office keeps it: the hash of its secret, never the secret.</summary>
/// <param name="TerminalId">The terminal it was issued to.</param>
/// <param name="Organization">The organization the terminal belongs to.</param>
/// <param name="SecretHash">The SHA-256 of the secret, as lowercase hex.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="RevokedAt">When it was revoked, or <see langword="null"/> while it is valid.</param>
public sealed record TerminalCredentialRecord(string TerminalId, string Organization, string SecretHash, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt = null);
