using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosFleet.Sync;
using PosFleet.Sync.Exchange;

namespace PosFleet.Tests.Sync;

/// <summary>Inbox records are kept for the retention period, then purged by the retention pass; the period is validated.</summary>
public sealed class SyncInboxRetentionTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task RetentionPass_RecordsOlderThanTheRetention_ArePurgedAndTheirMessagesWouldApplyAgain()
    {
        await using var backOffice = new BackOffice(_clock, o => (o.InboxRetention, o.RetentionInterval) = (TimeSpan.FromDays(2), TimeSpan.FromHours(1)));
        var till = await backOffice.Registry.EnrolAsync("till-01", "ACME");
        var old = BackOffice.Ticket(1, _clock);
        await backOffice.Handler.HandleAsync(till.Credential, Request(old), default);
        _clock.Advance(TimeSpan.FromDays(1));
        var recent = BackOffice.Ticket(2, _clock);
        await backOffice.Handler.HandleAsync(till.Credential, Request(recent), default);
        var retention = backOffice.Services.GetRequiredService<IEnumerable<IHostedService>>().OfType<BackgroundService>().Single();

        await retention.StartAsync(default);
        await _clock.WaitForTimersAsync(1);
        var keptAtFirst = (await backOffice.Inbox.ContainsAsync("till-01", old.Id, default), await backOffice.Inbox.ContainsAsync("till-01", recent.Id, default));
        await _clock.AdvanceAndWaitAsync(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        var keptAfter = (await backOffice.Inbox.ContainsAsync("till-01", old.Id, default), await backOffice.Inbox.ContainsAsync("till-01", recent.Id, default));
        await retention.StopAsync(default);

        Assert.Equal((true, true), keptAtFirst);
        Assert.Equal((false, true), keptAfter);
    }

    [Theory]
    [InlineData(0.5, "InboxRetention")]
    [InlineData(30, null)]
    public void Options_InboxRetention_AtLeastOneDay(double days, string? error)
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddSyncBackOffice(o => o.InboxRetention = TimeSpan.FromDays(days));
        using var provider = services.BuildServiceProvider();

        var failure = Record.Exception(() => provider.ValidatePosFleetOptions());

        if (error is null)
        {
            Assert.Null(failure);
        }
        else
        {
            Assert.Contains($"SyncBackOfficeOptions.{error}", Assert.IsType<OptionsValidationException>(failure).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_Default_KeepsRecordsThirtyDays()
    {
        Assert.Equal(TimeSpan.FromDays(30), new SyncBackOfficeOptions().InboxRetention);
    }

    [Fact]
    public void Options_MinimumApplicationVersionNotAVersion_FailsNamingIt()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddSyncBackOffice(o => o.MinimumApplicationVersion = "thirty-four");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.ValidatePosFleetOptions());

        Assert.Contains("SyncBackOfficeOptions.MinimumApplicationVersion 'thirty-four'", error.Message, StringComparison.Ordinal);
    }

    private static SyncRequest Request(params PosFleet.Sync.Outbox.OutboxMessage[] outbox) => new()
    {
        TerminalId = "till-01",
        Heartbeat = new SyncHeartbeat { ApplicationVersion = "34" },
        Outbox = outbox,
    };
}
