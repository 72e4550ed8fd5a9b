using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PosFleet.Actions.Terminal;

/// <summary>
/// Deletes the journal's finished, acknowledged entries received longer ago than
/// <see cref="RemoteActionAgentOptions.JournalRetention"/>, at start-up and then every
/// <see cref="RemoteActionAgentOptions.RetentionInterval"/>.
/// </summary>
internal sealed class RemoteActionJournalRetentionService(
    IRemoteActionJournal journal,
    IOptions<RemoteActionAgentOptions> options,
    TimeProvider time,
    ILogger<RemoteActionJournalRetentionService> logger) : PeriodicPurgeService(time, logger)
{
    protected override string What => "finished remote action journal entries";

    protected override TimeSpan Retention => options.Value.JournalRetention;

    protected override TimeSpan Interval => options.Value.RetentionInterval;

    protected override ValueTask<long> PurgeOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        journal.PurgeFinishedAsync(olderThan, cancellationToken);
}
