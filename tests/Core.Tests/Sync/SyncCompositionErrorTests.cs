using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;

namespace PosFleet.Tests.Sync;

/// <summary>What a host gets when it composes the sync capability with less than it needs: it works, or it is told what to add.</summary>
public sealed class SyncCompositionErrorTests
{
    [Fact]
    public async Task AddSyncBackOffice_HostThatRegisteredNoLogging_EnrolsAndHandlesExchanges()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddSyncBackOffice();
        await using var provider = services.BuildServiceProvider();

        var enrolment = await provider.GetRequiredService<ITerminalRegistry>().EnrolAsync("till-01", "ACME");
        var result = await provider.GetRequiredService<ISyncExchangeHandler>().HandleAsync(enrolment.Credential, new SyncRequest
        {
            TerminalId = "till-01",
            Heartbeat = new SyncHeartbeat { ApplicationVersion = "34.0" },
        }, default);

        Assert.Equal(SyncExchangeStatus.Ok, result.Status);
    }

    [Fact]
    public async Task AddSyncBackOffice_HostsOwnLogging_IsKeptAndReceivesTheLogs()
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddPosFleet().AddSyncBackOffice();
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ISyncExchangeHandler>().HandleAsync("pft1.till-01.wrong", new SyncRequest
        {
            TerminalId = "till-01",
            Heartbeat = new SyncHeartbeat { ApplicationVersion = "34.0" },
        }, default);

        Assert.Contains(provider.GetFakeLogCollector().GetSnapshot(), r => r.Message.Contains("till-01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_AgentWithoutTransport_FailsNamingTheCallsThatFixIt()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPosFleet(o => o.TerminalId = "till-01").AddSyncAgent(o => o.Credential = "pft1.till-01.secret");
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("UseHttpSyncTransport(", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddSyncInProcessTransport(", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Unable to resolve service", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AgentWithoutTransport_ResolvedOrValidatedWithoutAHost_SaysWhichTransportToRegister()
    {
        var services = new ServiceCollection();
        services.AddPosFleet(o => o.TerminalId = "till-01").AddSyncAgent(o => o.Credential = "pft1.till-01.secret");
        using var provider = services.BuildServiceProvider();

        var resolved = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ISyncAgent>());
        var validated = Assert.Throws<OptionsValidationException>(() => provider.ValidatePosFleetOptions());

        Assert.Contains("UseHttpSyncTransport(", resolved.Message, StringComparison.Ordinal);
        Assert.Contains("AddSyncInProcessTransport(", validated.Message, StringComparison.Ordinal);
    }
}
