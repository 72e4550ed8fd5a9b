using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Actions.BuiltIn;
using PosFleet.Sync.Enrolment;

namespace PosFleet.Actions;

/// <summary>Queues actions for enrolled terminals with the options' defaults, and reads them back.</summary>
internal sealed partial class RemoteActionQueue(
    IRemoteActionStore store,
    ITerminalCredentialStore terminals,
    IOptions<RemoteActionOptions> options,
    TimeProvider time,
    ILogger<RemoteActionQueue> logger) : IRemoteActionQueue
{
    private readonly RemoteActionOptions _options = options.Value;

    private async Task<IReadOnlyList<RemoteActionQueued>> QueueUnmeasuredAsync(RemoteActionRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Organization, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Parameters, nameof(request));
        var ttl = request.TimeToLive ?? _options.DefaultTimeToLive;
        var timeout = request.Timeout ?? _options.DefaultTimeout;
        var attempts = request.MaxAttempts ?? _options.DefaultMaxAttempts;
        if (ttl <= TimeSpan.Zero || timeout <= TimeSpan.Zero || attempts is < 1 or > 100)
        {
            throw new ArgumentException($"The time to live ({ttl}) and timeout ({timeout}) must be positive, and the attempts ({attempts}) between 1 and 100.", nameof(request));
        }

        CheckRetrieveLogsSize(request);
        List<string> targets;
        if (request.TerminalId is { } terminalId)
        {
            var record = await terminals.GetAsync(terminalId, cancellationToken).ConfigureAwait(false);
            if (record is null || record.RevokedAt is not null || !string.Equals(record.Organization, request.Organization, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Terminal '{terminalId}' is not enrolled in organization '{request.Organization}' (or its credential is revoked): 'posfleet terminal list' shows the enrolled ones.", nameof(request));
            }

            targets = [terminalId];
        }
        else
        {
            targets = [.. (await terminals.ListAsync(request.Organization, cancellationToken).ConfigureAwait(false)).Where(r => r.RevokedAt is null).Select(r => r.TerminalId)];
        }

        var now = time.GetUtcNow();
        var queued = new List<RemoteActionQueued>(targets.Count);
        foreach (var terminal in targets)
        {
            var result = await store.AddAsync(
                new RemoteAction
                {
                    Id = Guid.CreateVersion7(now),
                    Organization = request.Organization,
                    TerminalId = terminal,
                    Name = request.Name,
                    Parameters = request.Parameters,
                    State = RemoteActionState.Pending,
                    CreatedAt = now,
                    ExpiresAt = now + ttl,
                    Timeout = timeout,
                    MaxAttempts = attempts,
                },
                cancellationToken).ConfigureAwait(false);
            Log.Queued(logger, result.Action.Id, result.Action.Name, terminal, result.Collapsed);
            queued.Add(result);
        }

        return queued;
    }

    /// <summary>
    /// A retrieve-logs archive larger than the back office takes would be refused at its first chunk: say so now, when
    /// the size can still be changed (the terminal never packs more than the action's max-bytes).
    /// </summary>
    private void CheckRetrieveLogsSize(RemoteActionRequest request)
    {
        if (!string.Equals(request.Name, RemoteActionNames.RetrieveLogs, StringComparison.Ordinal))
        {
            return;
        }

        var asked = RetrieveLogsHandler.DefaultMaxBytes;
        if (request.Parameters.TryGetValue("max-bytes", out var text) && !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out asked))
        {
            return; // not a size: the terminal rejects it, saying so
        }

        if (asked > _options.MaxUploadBytes)
        {
            var which = text is null ? "the default max-bytes" : "max-bytes";
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"retrieve-logs: {which} ({asked} bytes) is more than the back office takes (RemoteActionOptions.MaxUploadBytes, {_options.MaxUploadBytes} bytes); ask for max-bytes={_options.MaxUploadBytes} or less."),
                nameof(request));
        }
    }

    public async Task<RemoteAction?> CancelAsync(string organization, Guid id, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        return await store.CancelAsync(organization, id, time.GetUtcNow(), reason ?? "Canceled in the back office.", cancellationToken).ConfigureAwait(false);
    }

    public async Task<RemoteAction?> GetAsync(string organization, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        return await store.GetAsync(organization, id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RemoteActionPage> ListAsync(RemoteActionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > RemoteActionQuery.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, string.Create(CultureInfo.InvariantCulture, $"The limit must be from 1 to {RemoteActionQuery.MaxLimit} (it is {query.Limit})."));
        }

        return await store.ListAsync(query, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> DownloadAsync(string organization, Guid id, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        ArgumentNullException.ThrowIfNull(destination);
        return await store.CopyUploadToAsync(organization, id, destination, cancellationToken).ConfigureAwait(false);
    }
}
