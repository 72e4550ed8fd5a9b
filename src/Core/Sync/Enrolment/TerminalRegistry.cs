using Microsoft.Extensions.Logging;

namespace PosFleet.Sync.Enrolment;

/// <summary>Enrols, revokes and authenticates terminals over an <see cref="ITerminalCredentialStore"/>. Logs terminal ids, never credentials.</summary>
internal sealed partial class TerminalRegistry(ITerminalCredentialStore store, TimeProvider time, ILogger<TerminalRegistry> logger) : ITerminalRegistry
{
    public async ValueTask<TerminalEnrolment> EnrolAsync(string terminalId, string organization, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(terminalId);
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        var (credential, hash) = TerminalCredential.Issue(terminalId);
        var now = time.GetUtcNow();
        await store.SaveAsync(new TerminalCredentialRecord(terminalId, organization, hash, now), cancellationToken).ConfigureAwait(false);
        Log.Enrolled(logger, terminalId, organization);
        return new TerminalEnrolment(terminalId, organization, credential, now);
    }

    public async ValueTask<bool> RevokeAsync(string terminalId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(terminalId);
        var revoked = await store.RevokeAsync(terminalId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (revoked)
        {
            Log.Revoked(logger, terminalId);
        }

        return revoked;
    }

    public async ValueTask<TerminalIdentity?> AuthenticateAsync(string? credential, CancellationToken cancellationToken = default)
    {
        if (!TerminalCredential.TryRead(credential, out var terminalId, out var hash))
        {
            return null;
        }

        var record = await store.GetAsync(terminalId, cancellationToken).ConfigureAwait(false);
        return record is { RevokedAt: null } && TerminalCredential.Matches(hash, record.SecretHash)
            ? new TerminalIdentity(record.TerminalId, record.Organization)
            : null;
    }
}
