namespace PosFleet.Sync.Enrolment;

/// <summary>A terminal's enrolment, with the credential it presents in every exchange: shown here once, kept nowhere else.</summary>
/// <param name="TerminalId">The terminal's id.</param>
/// <param name="Organization">Its organization.</param>
/// <param name="Credential">The credential (<see cref="Agent.SyncAgentOptions.Credential"/> on the terminal). A secret: do not log it.</param>
/// <param name="IssuedAt">When it was issued.</param>
public sealed record TerminalEnrolment(string TerminalId, string Organization, string Credential, DateTimeOffset IssuedAt)
{
    /// <summary>The enrolment without its secret, so that it can be printed or logged.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"TerminalEnrolment {{ TerminalId = {TerminalId}, Organization = {Organization}, IssuedAt = {IssuedAt:O} }}";
}
