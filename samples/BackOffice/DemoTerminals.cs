using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;
using PosFleet.Status;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;

namespace PosFleet.Samples.BackOffice;

/// <summary>
/// Demo terminals for the status board and the actions page: the tills of <see cref="DemoData.Terminals"/> and one
/// silent till per organization, enrolled and exchanging with the back office as real terminals do (the registry issues
/// each its credential, each heartbeat goes through the sync exchange), so that every organization shows red, yellow,
/// grey and green rows, a few sync errors and actions pending and done with their results. Written once: a store that
/// already knows the first till is left alone.
/// </summary>
public static class DemoTerminals
{
    /// <summary>The version the demo organizations target (<c>Status:TargetVersion</c> in appsettings.json).</summary>
    public const string TargetVersion = "35.2";

    /// <summary>The health each demo terminal shows on the board, by organization and terminal.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, TerminalHealth>> Health { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, TerminalHealth>>
        {
            ["shop-12"] = new Dictionary<string, TerminalHealth>
            {
                ["till-01"] = TerminalHealth.Yellow,
                ["till-02"] = TerminalHealth.Green,
                ["till-03"] = TerminalHealth.Red,
                ["till-04"] = TerminalHealth.Green,
                ["till-05"] = TerminalHealth.Yellow,
                ["till-06"] = TerminalHealth.Green,
                ["till-07"] = TerminalHealth.Grey,
            },
            ["shop-34"] = new Dictionary<string, TerminalHealth>
            {
                ["till-31"] = TerminalHealth.Yellow,
                ["till-32"] = TerminalHealth.Red,
                ["till-33"] = TerminalHealth.Green,
                ["till-34"] = TerminalHealth.Grey,
            },
        };

    /// <summary>Enrols the demo terminals and plays their exchanges; returns how many terminals were new (0 when already there).</summary>
    /// <param name="services">The back office's services (registry, exchange handler, action queue, status store).</param>
    /// <param name="now">The back office's clock now.</param>
    /// <param name="cancellationToken">Cancels the seeding.</param>
    /// <returns>The number of terminals enrolled.</returns>
    public static async Task<int> SeedAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var statuses = services.GetRequiredService<ITerminalStatusStore>();
        if (await statuses.GetAsync("till-01", cancellationToken).ConfigureAwait(false) is not null)
        {
            return 0;
        }

        var registry = services.GetRequiredService<ITerminalRegistry>();
        var exchange = services.GetRequiredService<ISyncExchangeHandler>();
        var queue = services.GetRequiredService<IRemoteActionQueue>();
        var enrolled = 0;
        foreach (var (organization, terminals) in Health)
        {
            foreach (var (terminal, health) in terminals)
            {
                var credential = (await registry.EnrolAsync(terminal, organization, cancellationToken).ConfigureAwait(false)).Credential;
                enrolled++;
                if (health is TerminalHealth.Grey)
                {
                    // Silent for two days: its last heartbeat arrived then, which the exchange (stamped with the back
                    // office's clock now) cannot replay, so it is recorded as the store received it.
                    await statuses.RecordAsync(new TerminalStatus
                    {
                        TerminalId = terminal,
                        Organization = organization,
                        ApplicationVersion = TargetVersion,
                        LastSync = now.AddDays(-2),
                        ReceivedAt = now.AddDays(-2),
                    }, 1000, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var till = new Till(exchange, terminal, credential, now, cancellationToken);
                if (terminal is "till-02" or "till-03" or "till-31" or "till-32")
                {
                    // The last exchange could not reach the back office: the next heartbeat says so (a sync error in the history).
                    await till.SyncAsync(TargetVersion, "ERP link down: connection refused by 10.0.12.5:443").ConfigureAwait(false);
                }

                if (terminal is "till-02" or "till-33")
                {
                    await RunActionsAsync(queue, till, organization, terminal, cancellationToken).ConfigureAwait(false);
                }

                // The closing heartbeat: behind the target (yellow), on it (green), or below the minimum version (refused: red).
                await till.SyncAsync(health switch
                {
                    TerminalHealth.Yellow => "34.9",
                    TerminalHealth.Red => "0.9",
                    _ => TargetVersion,
                }).ConfigureAwait(false);
            }
        }

        // Pending: queued now, delivered at the terminals' next sync.
        await queue.QueueAsync(new() { Organization = "shop-12", TerminalId = "till-03", Name = RemoteActionNames.ClearCache }, cancellationToken).ConfigureAwait(false);
        await queue.QueueAsync(new() { Organization = "shop-12", TerminalId = "till-07", Name = RemoteActionNames.DiagnoseVatConfiguration }, cancellationToken).ConfigureAwait(false);
        await queue.QueueAsync(new() { Organization = "shop-34", TerminalId = "till-32", Name = RemoteActionNames.ClearCache }, cancellationToken).ConfigureAwait(false);
        return enrolled;
    }

    // Two actions done: one succeeded with its output, one failed with why; queued, delivered in one exchange, reported in the next.
    private static async Task RunActionsAsync(IRemoteActionQueue queue, Till till, string organization, string terminal, CancellationToken cancellationToken)
    {
        var diagnose = await queue.QueueAsync(new() { Organization = organization, TerminalId = terminal, Name = RemoteActionNames.DiagnoseMissingProducts }, cancellationToken).ConfigureAwait(false);
        var grids = await queue.QueueAsync(new() { Organization = organization, TerminalId = terminal, Name = RemoteActionNames.DiagnosePriceGrids }, cancellationToken).ConfigureAwait(false);
        await till.SyncAsync(TargetVersion, reports: []).ConfigureAwait(false);
        await till.SyncAsync(TargetVersion, reports:
        [
            .. till.Done(diagnose[0].Action.Id, RemoteActionState.Succeeded, "3 products missing from the till", "SKU-1042, SKU-2210, SKU-7781"),
            .. till.Done(grids[0].Action.Id, RemoteActionState.Failed, "Price grid 'summer' overlaps 'sales' from 2026-07-01", null),
        ]).ConfigureAwait(false);
    }

    private sealed class Till(ISyncExchangeHandler exchange, string terminal, string credential, DateTimeOffset now, CancellationToken cancellationToken)
    {
        public async Task SyncAsync(string version, string? lastError = null, IReadOnlyList<RemoteActionReport>? reports = null)
        {
            await exchange.HandleAsync(credential, new SyncRequest
            {
                TerminalId = terminal,
                Heartbeat = new SyncHeartbeat
                {
                    ApplicationVersion = version,
                    LastUpdate = now.AddDays(-9),
                    LastSync = lastError is null ? now : now.AddMinutes(-20),
                    LastError = lastError,
                    SyncInterval = TimeSpan.FromHours(1), // stays off grey while the demo runs
                },
                ActionResults = reports,
            }, cancellationToken).ConfigureAwait(false);
        }

        public IEnumerable<RemoteActionReport> Done(Guid action, RemoteActionState outcome, string detail, string? output) =>
        [
            new() { Id = Guid.NewGuid(), ActionId = action, State = RemoteActionState.Running, At = now.AddMinutes(-2), Attempt = 1 },
            new() { Id = Guid.NewGuid(), ActionId = action, State = outcome, At = now.AddMinutes(-1), Attempt = 1, Detail = detail, Output = output },
        ];
    }
}
