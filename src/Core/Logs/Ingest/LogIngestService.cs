using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PosFleet.Logs.Ingest;

/// <summary>
/// Tails <see cref="LogIngestOptions.Paths"/> into the store for as long as the host runs (see <c>AddLogIngest</c>). The
/// ingester commits what it has read when the host stops; a failed ingest (the store unreachable, full) is logged and
/// started again from the stored checkpoints after <see cref="LogIngestOptions.PollInterval"/>, so ingest never stops
/// the host and never stores a line twice.
/// </summary>
internal sealed partial class LogIngestService(
    ILogIngester ingester, IOptionsMonitor<LogIngestOptions> options, TimeProvider time, ILogger<LogIngestService> logger) : BackgroundService
{
    /// <summary>The name of the service's own <see cref="LogIngestOptions"/>, so that following is not forced on other ingests.</summary>
    public const string OptionsName = "PosFleet.LogIngestService";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Get(OptionsName);
        var request = new LogIngestRequest { Paths = [.. o.Paths], Options = o };
        Log.Starting(logger, string.Join(", ", request.Paths), o.Follow, o.PollInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var summary = await ingester.IngestAsync(request, stoppingToken).ConfigureAwait(false);
                Log.Stopped(logger, summary.NewEntries);
                return;
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // The host is stopping: what the store threw while being stopped is not a failed ingest.
                return;
            }
            catch (Exception ex)
            {
                Log.Failed(logger, o.PollInterval, ex);
            }

            try
            {
                await Task.Delay(o.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
