using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using PosFleet.Actions.Terminal;
using PosFleet.Sync.Changes;
using PosFleet.Sync.Configurations;
using PosFleet.Sync.Exchange;
using PosFleet.Sync.Outbox;

namespace PosFleet.Sync.Agent;

/// <summary>
/// The terminal's sync agent. In the background it syncs, then waits the interval (the back office's suggestion, or
/// <see cref="SyncAgentOptions.Interval"/>) plus a random jitter; while the back office cannot be reached it retries
/// with Polly's exponential back-off on the host's <see cref="TimeProvider"/>. It holds one batch at a time and
/// nothing that grows with the time spent offline: the outbox waits in its store.
/// </summary>
internal sealed partial class SyncAgent : BackgroundService, ISyncAgent
{
    private readonly IOutbox _outbox;
    private readonly ISyncTransport _transport;
    private readonly SyncAgentOptions _options;
    private readonly PosFleetOptions _fleet;
    private readonly TimeProvider _time;
    private readonly ILogger<SyncAgent> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ResiliencePipeline<SyncOutcome> _retry;
    private SyncOutcome? _last;
    private DateTimeOffset? _lastSucceededAt;

    /// <summary>When the last sync that succeeded completed; <see langword="null"/> before the first.</summary>
    internal DateTimeOffset? LastSucceededAt => _lastSucceededAt;

    /// <summary>When the agent was created (the host's start): the health check's grace period runs from it.</summary>
    internal DateTimeOffset StartedAt { get; }
    private TimeSpan? _suggestedInterval;
    private readonly IChangeImporter? _importer;
    private readonly TerminalConfigurationSource? _configuration;
    private readonly RemoteActionTerminalExchange? _actions;
    private readonly Updates.PackageUpdater? _packages;

    public SyncAgent(
        IOutbox outbox,
        ISyncTransport transport,
        IOptions<SyncAgentOptions> options,
        IOptions<PosFleetOptions> fleet,
        TimeProvider time,
        ILogger<SyncAgent> logger,
        IChangeImporter? importer = null,
        TerminalConfigurationSource? configuration = null,
        RemoteActionTerminalExchange? actions = null,
        Updates.PackageUpdater? packages = null)
    {
        _actions = actions;
        _packages = packages;
        _importer = importer;
        _configuration = configuration;
        _outbox = outbox;
        _transport = transport;
        _options = options.Value;
        _fleet = fleet.Value;
        _time = time;
        StartedAt = time.GetUtcNow();
        _logger = logger;
        _retry = new ResiliencePipelineBuilder<SyncOutcome> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<SyncOutcome>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Status is SyncOutcomeStatus.Unreachable or SyncOutcomeStatus.Failed),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = _options.UseRetryJitter,
                Delay = _options.RetryDelay,
                MaxDelay = _options.MaxRetryDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    Log.RetryIn(_logger, args.RetryDelay, args.AttemptNumber + 1);
                    return default;
                },
            })
            .Build();
    }

    public SyncOutcome? LastOutcome => Volatile.Read(ref _last);

    public async Task<SyncOutcome> SyncNowAsync(CancellationToken cancellationToken = default)
    {
        // A host's own call (after a sale, a loop of its own) often passes no token: the host stopping ends it all the
        // same, so that no exchange or wait on the back office outlives StopAsync.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        cancellationToken = linked.Token;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var outcome = await MeasuredSyncAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _last, outcome);
            if (outcome.Status == SyncOutcomeStatus.Succeeded)
            {
                _lastSucceededAt = outcome.CompletedAt;
            }

            Report(outcome);
            return outcome;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the background loop and ends any exchange under way, including one a host started with <see cref="SyncNowAsync"/>.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        base.Dispose();
        _stopping.Dispose();
        _gate.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.EnableBackground)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _retry.ExecuteAsync(static (agent, ct) => new ValueTask<SyncOutcome>(agent.SyncNowAsync(ct)), this, stoppingToken).ConfigureAwait(false);
                await Task.Delay(NextInterval(), _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>The interval the agent syncs at now, without its jitter (also reported in the heartbeat).</summary>
    private TimeSpan Interval() => _configuration?.Current?.SyncInterval ?? _suggestedInterval ?? _options.Interval;

    private TimeSpan NextInterval()
    {
        var interval = Interval();
        return _options.IntervalJitter > TimeSpan.Zero
            ? interval + TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * _options.IntervalJitter.Ticks))
            : interval;
    }

    private void Report(SyncOutcome outcome)
    {
        switch (outcome.Status)
        {
            case SyncOutcomeStatus.Succeeded:
                Log.Synced(_logger, outcome.Exchanges, outcome.Acknowledged, outcome.Remaining ?? -1);
                break;
            case SyncOutcomeStatus.Refused:
                Log.Refused(_logger, outcome.Error!);
                break;
            case SyncOutcomeStatus.Unauthorized:
                Log.Unauthorized(_logger, outcome.Error!);
                break;
            case SyncOutcomeStatus.Unreachable:
                Log.Unreachable(_logger, outcome.Error!);
                break;
            default:
                Log.Failed(_logger, outcome.Error!);
                break;
        }
    }
}
