namespace PosFleet.Connectors.Email.Internal;

/// <summary>What one SMTP attempt left to retry: how many recipients got a 4xx reply, and the last such reply.</summary>
internal readonly record struct SmtpAttempt(int Retrying, string? Reason);
