using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosFleet.Status;

namespace PosFleet.Tests.Status;

/// <summary>The board as a host composes it: who sees what, target versions, options checked at start-up, error retention.</summary>
public sealed class StatusBoardTests : IAsyncDisposable
{
    private readonly TestClock _clock = new();
    private ServiceProvider? _provider;

    public ValueTask DisposeAsync() => _provider?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<IServiceProvider> BackOfficeAsync(Action<StatusOptions>? configure = null, Action<IPosFleetBuilder>? more = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddLogging();
        var builder = services.AddPosFleet().AddStatus(configure);
        more?.Invoke(builder);
        _provider = services.BuildServiceProvider();
        var store = _provider.GetRequiredService<ITerminalStatusStore>();
        foreach (var (terminal, organization, version) in new[] { ("a1", "ACME", "35"), ("a2", "ACME", "34"), ("b1", "BRAVO", "34"), ("c1", "CHARLIE", "34") })
        {
            await store.RecordAsync(new TerminalStatus { TerminalId = terminal, Organization = organization, ApplicationVersion = version, ReceivedAt = _clock.GetUtcNow() }, 10, default);
        }

        return _provider;
    }

    private static ClaimsPrincipal User(params string[] organizations) =>
        new(new ClaimsIdentity(organizations.Select(o => new Claim("posfleet:outlet-setup", o)).Append(new Claim(ClaimTypes.Name, "maria")), "test"));

    [Fact]
    public async Task QueryAsync_UserWithOutletSetupOnTwoOrganizations_SeesOnlyThose()
    {
        var board = (await BackOfficeAsync()).GetRequiredService<IStatusBoard>();

        var access = await board.GetAccessAsync(User("ACME", "BRAVO"));
        var rows = (await board.QueryAsync(access, new StatusBoardQuery())).Rows;
        var asked = (await board.QueryAsync(access, new StatusBoardQuery { Organization = "CHARLIE" })).Rows;

        Assert.Equal(["a1", "a2", "b1"], rows.Select(r => r.Status.TerminalId));
        Assert.Empty(asked);
    }

    [Fact]
    public async Task GetAccessAsync_UnauthenticatedOrWithoutThePermission_SeesNothing()
    {
        var board = (await BackOfficeAsync()).GetRequiredService<IStatusBoard>();
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim("posfleet:outlet-setup", "ACME")])); // no authentication type

        var none = await board.QueryAsync(await board.GetAccessAsync(anonymous), new StatusBoardQuery());
        var noPermission = await board.QueryAsync(await board.GetAccessAsync(User()), new StatusBoardQuery { Organization = "ACME" });

        Assert.Empty(none.Rows);
        Assert.Empty(noPermission.Rows);
    }

    [Fact]
    public async Task QueryAsync_TargetVersionPerOrganizationAndDefault_YellowWhereBehind()
    {
        var board = (await BackOfficeAsync(o => (o.TargetVersion, o.TargetVersions["BRAVO"]) = ("35", "34"))).GetRequiredService<IStatusBoard>();

        var rows = (await board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery())).Rows;

        Assert.Equal(["a1:Green:35", "a2:Yellow:35", "b1:Green:34", "c1:Yellow:35"], rows.Select(r => $"{r.Status.TerminalId}:{r.Health}:{r.TargetVersion}"));
    }

    [Fact]
    public async Task AddTargetVersionSource_HostSource_ReplacesTheOptions()
    {
        var board = (await BackOfficeAsync(o => o.TargetVersion = "99", b => b.AddTargetVersionSource<RolloutTargets>())).GetRequiredService<IStatusBoard>();

        var rows = (await board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery { Health = [TerminalHealth.Yellow] })).Rows;

        Assert.Equal(["c1"], rows.Select(r => r.Status.TerminalId));
    }

    [Fact]
    public async Task QueryAsync_CursorOfAnotherSort_Refused()
    {
        var board = (await BackOfficeAsync()).GetRequiredService<IStatusBoard>();
        var page = await board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery { Limit = 1 });

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery { After = page.Next, Sort = StatusBoardSort.Health }));
        var bad = await Assert.ThrowsAsync<ArgumentException>(() => board.QueryAsync(StatusBoardAccess.Everything, new StatusBoardQuery { After = "not-a-cursor" }));

        Assert.Contains("made for the sort Organization", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a cursor", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddStatus_InvalidOptions_FailsAtStartNamingEach()
    {
        var provider = await BackOfficeAsync(o =>
        {
            o.SilenceFactor = 0.5;
            o.TargetVersions["ACME"] = "latest";
            o.MaxErrorsPerTerminal = 0;
        });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StatusOptions>>().Value);

        Assert.Contains("StatusOptions.SilenceFactor is 0.5", ex.Message, StringComparison.Ordinal);
        Assert.Contains("StatusOptions.TargetVersions['ACME'] 'latest' is not a version", ex.Message, StringComparison.Ordinal);
        Assert.Contains("StatusOptions.MaxErrorsPerTerminal is 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetentionService_ErrorsPastRetention_PurgedAtStartAndEachInterval()
    {
        var provider = await BackOfficeAsync(o => (o.ErrorRetention, o.RetentionInterval) = (TimeSpan.FromDays(2), TimeSpan.FromHours(1)));
        var store = provider.GetRequiredService<ITerminalStatusStore>();
        var start = _clock.GetUtcNow();
        await store.RecordAsync(new TerminalStatus { TerminalId = "a1", Organization = "ACME", ApplicationVersion = "35", LastSyncError = "old", ReceivedAt = start.AddDays(-3) }, 10, default);
        await store.RecordAsync(new TerminalStatus { TerminalId = "a2", Organization = "ACME", ApplicationVersion = "35", LastSyncError = "young", ReceivedAt = start.AddDays(-2).AddMinutes(30) }, 10, default);
        var service = provider.GetServices<IHostedService>().OfType<SyncErrorRetentionService>().Single();

        await service.StartAsync(default);
        await _clock.WaitForTimersAsync(1);
        var afterStart = (await store.ListErrorsAsync(StatusBoardAccess.Everything, new SyncErrorQuery { TerminalId = "a1" }, default)).Errors.Count + (await store.ListErrorsAsync(StatusBoardAccess.Everything, new SyncErrorQuery { TerminalId = "a2" }, default)).Errors.Count;
        await _clock.AdvanceAndWaitAsync(TimeSpan.FromHours(1));
        var afterInterval = (await store.ListErrorsAsync(StatusBoardAccess.Everything, new SyncErrorQuery { TerminalId = "a2" }, default)).Errors.Count;
        await service.StopAsync(default);

        Assert.Equal(1, afterStart);
        Assert.Equal(0, afterInterval);
    }

    private sealed class RolloutTargets : ITargetVersionSource
    {
        public ValueTask<string?> GetTargetVersionAsync(string organization, CancellationToken cancellationToken) =>
            ValueTask.FromResult(organization == "CHARLIE" ? "34.5" : null);
    }
}
