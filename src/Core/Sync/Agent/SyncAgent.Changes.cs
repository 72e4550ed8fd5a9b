using Microsoft.Extensions.Logging;
using PosFleet.Sync.Exchange;

namespace PosFleet.Sync.Agent;

internal sealed partial class SyncAgent
{
    /// <summary>The checkpoint to ask from, or <see langword="null"/> when this terminal imports no changes (no importer, or no organization to keep a checkpoint for).</summary>
    private async ValueTask<long?> ChangeCheckpointAsync(CancellationToken cancellationToken)
    {
        if (_importer is null || _fleet.Organization is not { } organization)
        {
            return null;
        }

        return await _importer.GetCheckpointAsync(organization, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Imports the response's change batch (with its checkpoint, in one transaction); returns the error, or <see langword="null"/>.</summary>
    private async ValueTask<string?> ImportChangesAsync(SyncResponse response, CancellationToken cancellationToken)
    {
        if (_importer is null || response.Changes is not { } batch)
        {
            return null;
        }

        try
        {
            var result = await _importer.ImportAsync(batch, cancellationToken).ConfigureAwait(false);
            ChangesLog.Imported(_logger, batch.Changes.Count, result.Written, result.Deleted, result.KeptLocal, result.Checkpoint);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing of the batch was kept: the checkpoint did not move, so the next exchange brings it again.
            return $"The change batch after checkpoint {batch.FromCheckpoint} could not be imported: {ex.Message}";
        }
    }

    /// <summary>Applies a newer connector configuration; its version goes up in the next request, and its interval sets the next wait.</summary>
    private void ApplyConfiguration(SyncResponse response)
    {
        if (_configuration is not null && response.Configuration is { } configuration && _configuration.Apply(configuration))
        {
            ChangesLog.ConfigurationApplied(_logger, configuration.Version, configuration.SyncInterval);
        }
    }

    private static partial class ChangesLog
    {
        [LoggerMessage(20, LogLevel.Debug, "Imported {Changes} changes: {Written} rows written, {Deleted} deleted, {KeptLocal} kept as they were here; checkpoint {Checkpoint}.")]
        public static partial void Imported(ILogger logger, int changes, int written, int deleted, int keptLocal, long checkpoint);

        [LoggerMessage(21, LogLevel.Information, "Applied connector configuration version {Version} (sync interval {Interval}).")]
        public static partial void ConfigurationApplied(ILogger logger, long version, TimeSpan? interval);
    }
}
