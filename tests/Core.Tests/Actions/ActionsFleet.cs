using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using PosFleet.Actions;
using PosFleet.Actions.Terminal;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Exchange;

namespace PosFleet.Tests.Actions;

/// <summary>A back office with remote actions and terminals that take them, composed as hosts do, over the in-process transport.</summary>
internal sealed class ActionsFleet : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];
    private readonly ServiceProvider _backOffice;

    public ActionsFleet(TestClock clock, Action<RemoteActionOptions>? configure = null, Action<IServiceCollection>? backOffice = null)
    {
        Clock = clock;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddFakeLogging();
        services.AddPosFleet().AddSyncBackOffice().AddActionsBackOffice(configure);
        backOffice?.Invoke(services);
        _backOffice = services.BuildServiceProvider();
    }

    public TestClock Clock { get; }

    public IRemoteActionQueue Queue => _backOffice.GetRequiredService<IRemoteActionQueue>();

    public ISyncExchangeHandler Handler => _backOffice.GetRequiredService<ISyncExchangeHandler>();

    public IServiceProvider BackOffice => _backOffice;

    /// <summary>A terminal (enrolled now) whose agent and runner are driven by the test (no background work).</summary>
    public async Task<ServiceProvider> TerminalAsync(string id, Action<IPosFleetBuilder>? register = null, Action<RemoteActionAgentOptions>? configure = null, string organization = "ACME", ISyncTransport? transport = null)
    {
        var enrolment = await _backOffice.GetRequiredService<PosFleet.Sync.Enrolment.ITerminalRegistry>().EnrolAsync(id, organization);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddFakeLogging();
        var builder = services.AddPosFleet(o => (o.TerminalId, o.Organization) = (id, organization))
            .AddSyncAgent(o =>
            {
                o.Credential = enrolment.Credential;
                o.ApplicationVersion = "34.1";
                o.EnableBackground = false;
            })
            .AddSyncInProcessTransport(Handler)
            .AddActionsAgent(o =>
            {
                o.EnableBackground = false;
                o.RetryDelay = TimeSpan.Zero;
                o.WorkDirectory = Path.Combine(Path.GetTempPath(), "posfleet-actions-tests", Guid.NewGuid().ToString("N"));
                configure?.Invoke(o);
            });
        register?.Invoke(builder);
        if (transport is not null)
        {
            services.AddSingleton(transport);
        }

        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await _backOffice.DisposeAsync();
    }
}

/// <summary>Terminal-side shortcuts.</summary>
internal static class ActionsTerminal
{
    public static async Task<SyncOutcome> SyncAsync(this IServiceProvider terminal)
    {
        var outcome = await terminal.GetRequiredService<ISyncAgent>().SyncNowAsync();
        Assert.Equal(SyncOutcomeStatus.Succeeded, outcome.Status);
        return outcome;
    }

    public static Task<int> RunActionsAsync(this IServiceProvider terminal, CancellationToken cancellationToken = default) =>
        terminal.GetRequiredService<IRemoteActionRunner>().RunPendingAsync(cancellationToken);
}

/// <summary>A handler that records each call and answers what the test says.</summary>
internal sealed class RecordingActionHandler(Func<RemoteActionContext, CancellationToken, ValueTask<RemoteActionOutcome>>? run = null) : IRemoteActionHandler
{
    private readonly List<RemoteActionContext> _calls = [];

    public IReadOnlyList<RemoteActionContext> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public async ValueTask<RemoteActionOutcome> RunAsync(RemoteActionContext context, CancellationToken cancellationToken)
    {
        lock (_calls)
        {
            _calls.Add(context);
        }

        return run is null ? RemoteActionOutcome.Succeeded("done") : await run(context, cancellationToken);
    }
}
