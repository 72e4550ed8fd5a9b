using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Tests.Notifications.Engine;

/// <summary>Start-up checks of the rules against the registered notifiers, and keys that ids with a slash cannot confuse.</summary>
public sealed class NotificationEngineValidationTests
{
    [Fact]
    public void Options_RuleChannelWithoutNotifier_FailsNamingRuleChannelAndRegistered()
    {
        using var h = new NotificationHarness(o => o.Rules.Add(new NotificationRule
        {
            Kind = "intervention",
            States = ["Open"],
            Channels = new Dictionary<string, IList<string>> { ["sms"] = ["administrators"] },
        }));

        var error = Assert.Throws<OptionsValidationException>(() => h.Get<IOptions<NotificationEngineOptions>>().Value);

        var failure = Assert.Single(error.Failures);
        Assert.Contains("Notifications:Rules:1 (kind 'intervention'):Channels has 'sms'", failure, StringComparison.Ordinal);
        Assert.Contains("registered: 'email', 'push'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_RuleChannelsRegisteredOrInApp_Succeed()
    {
        using var h = new NotificationHarness(o => o.Rules.Add(new NotificationRule
        {
            States = ["Closed"],
            Channels = new Dictionary<string, IList<string>> { ["PUSH"] = ["technicians"], ["inapp"] = ["administrators"] },
        }));

        Assert.Equal(2, h.Get<IOptions<NotificationEngineOptions>>().Value.Rules.Count);
    }

    [Fact]
    public async Task Options_NoNotifierRegistered_FailsAtStartNamingNone()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddNotificationEngine(o =>
        {
            o.EnableDispatcher = false;
            o.Rules.Add(new NotificationRule { States = ["Open"], Channels = new Dictionary<string, IList<string>> { ["email"] = ["administrators"] } });
        });
        services.AddSingleton<INotificationDirectory>(new NotificationHarness.TestDirectory());
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains("Rules:0:Channels has 'email'", StringComparison.Ordinal) && f.Contains("registered: none", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_NoDirectoryRegistered_FailsNamingTheDirectoryAndHowToRegisterIt()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPosFleet().AddNotificationEngine(o => o.EnableDispatcher = false);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var failure = Assert.Single(error.Failures);
        Assert.Contains("no INotificationDirectory", failure, StringComparison.Ordinal);
        Assert.Contains("services.AddSingleton<INotificationDirectory, MyDirectory>()", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_DirectoryRegisteredAfterTheEngine_Starts()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPosFleet().AddNotificationEngine(o => o.EnableDispatcher = false);
        builder.Services.AddSingleton<INotificationDirectory>(new NotificationHarness.TestDirectory());
        using var host = builder.Build();

        await host.StartAsync();

        Assert.NotNull(host.Services.GetRequiredService<IItemEventPublisher>());
        await host.StopAsync();
    }

    [Fact]
    public void Publisher_ResolvedWithoutAHostOrDirectory_SaysWhichRegistrationIsMissing()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddNotificationEngine(o => o.EnableDispatcher = false);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IItemEventPublisher>());

        Assert.Contains("no INotificationDirectory", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Unable to resolve service", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_IdsWithSlashesThatJoinAlike_QueueDistinctDeliveries()
    {
        using var h = new NotificationHarness();
        var first = h.Event("1/e1", ItemEventType.Created, "Open");
        first = first with { Item = first.Item with { Id = "INT" } };
        var second = h.Event("e1", ItemEventType.Created, "Open");
        second = second with { Item = second.Item with { Id = "INT/1" } };

        await h.Publisher.PublishAsync(first, default);
        await h.Publisher.PublishAsync(second, default);
        var outbox = await h.OutboxAsync();

        Assert.Equal(10, outbox.Count);
        Assert.Equal(10, outbox.Select(d => d.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(5, outbox.Count(d => d.ItemId == "INT/1"));
        Assert.Contains("intervention/INT%2F1/e1/admin-1/email", outbox.Select(d => d.Key));
    }
}
