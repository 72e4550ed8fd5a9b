using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using PosFleet.Notifications;

namespace PosFleet.Tests.Notifications;

public sealed class NotificationRouterTests
{
    private static readonly NotificationChannel Push = new("push");

    /// <summary>An in-memory notifier that keeps every message it is given and reports each recipient as sent.</summary>
    private sealed class RecordingNotifier : INotifier
    {
        public ConcurrentQueue<NotificationMessage> Messages { get; } = new();

        public ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
        {
            Messages.Enqueue(message);
            return ValueTask.FromResult(NotificationResult.ForAll(message.Recipients, DeliveryStatus.Sent));
        }
    }

    private static NotificationMessage Message(NotificationChannel channel, string recipient, string subject) => new()
    {
        Channel = channel,
        Recipients = [recipient],
        Subject = subject,
        Text = subject,
        IdempotencyKey = subject,
    };

    private static ServiceProvider Build(Action<IPosFleetBuilder> notifiers)
    {
        var services = new ServiceCollection();
        notifiers(services.AddPosFleet());
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task SendAsync_TwoChannels_EachNotifierReceivesOnlyTheMessagesOfItsChannel()
    {
        var email = new RecordingNotifier();
        var push = new RecordingNotifier();
        using var provider = Build(b => b.AddNotifier(NotificationChannel.Email, _ => email).AddNotifier(Push, _ => push));
        var notifier = provider.GetRequiredService<INotifier>();

        var mailed = await notifier.SendAsync(Message(NotificationChannel.Email, "ana@example.es", "digest"), CancellationToken.None);
        await notifier.SendAsync(Message(Push, "technician-7", "till-07 is offline"), CancellationToken.None);
        await notifier.SendAsync(Message(new NotificationChannel("PUSH"), "technician-8", "till-08 is offline"), CancellationToken.None);

        Assert.True(mailed.AllSent);
        Assert.Equal(["digest"], email.Messages.Select(m => m.Subject));
        Assert.Equal(["till-07 is offline", "till-08 is offline"], push.Messages.Select(m => m.Subject));
    }

    [Fact]
    public async Task SendAsync_MessageWithoutAChannel_GoesToEmail()
    {
        var email = new RecordingNotifier();
        using var provider = Build(b => b.AddNotifier(NotificationChannel.Email, _ => email).AddNotifier(Push, _ => new RecordingNotifier()));

        await provider.GetRequiredService<INotifier>().SendAsync(
            new NotificationMessage { Recipients = ["ana@example.es"], Subject = "digest", Text = "t", IdempotencyKey = "k" }, CancellationToken.None);

        Assert.Single(email.Messages);
    }

    [Fact]
    public async Task SendAsync_UnregisteredChannel_ThrowsNamingTheChannelAndTheRegisteredOnes()
    {
        using var provider = Build(b => b.AddNotifier(NotificationChannel.Email, _ => new RecordingNotifier()));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await provider.GetRequiredService<INotifier>().SendAsync(Message(Push, "technician-7", "offline"), CancellationToken.None));

        Assert.Contains("'push' channel", error.Message);
        Assert.Contains("registered: 'email'", error.Message);
    }

    [Fact]
    public async Task SendAsync_RoutesToTheChannelsNotifierOnce_WithTheSameMessageAndToken()
    {
        var email = Substitute.For<INotifier>();
        var push = Substitute.For<INotifier>();
        var message = Message(Push, "technician-7", "offline");
        push.SendAsync(message, Arg.Any<CancellationToken>()).Returns(NotificationResult.ForAll(message.Recipients, DeliveryStatus.Sent));
        using var provider = Build(b => b.AddNotifier(NotificationChannel.Email, _ => email).AddNotifier(Push, _ => push));
        using var cancel = new CancellationTokenSource();

        var result = await provider.GetRequiredService<INotifier>().SendAsync(message, cancel.Token);

        Assert.True(result.AllSent);
        await push.Received(1).SendAsync(message, cancel.Token);
        await email.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
    }

    [Fact]
    public async Task AddNotifier_SameChannelTwice_TheLastOneIsTheChannelsOnlyNotifier()
    {
        var first = new RecordingNotifier();
        var second = new RecordingNotifier();
        var services = new ServiceCollection();
        services.AddPosFleet().AddNotifier(NotificationChannel.Email, _ => first).AddNotifier(NotificationChannel.Email, _ => second);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<INotifier>().SendAsync(Message(NotificationChannel.Email, "ana@example.es", "digest"), CancellationToken.None);

        Assert.Single(services, d => d.IsKeyedService && d.ServiceType == typeof(INotifier) && Equals(d.ServiceKey, NotificationChannel.Email));
        Assert.Single(services, d => !d.IsKeyedService && d.ServiceType == typeof(INotifier));
        Assert.Empty(first.Messages);
        Assert.Single(second.Messages);
        Assert.Same(second, provider.GetRequiredKeyedService<INotifier>(NotificationChannel.Email));
    }

    [Fact]
    public async Task AddNotifier_HostRegisteredItsOwnNotifierFirst_KeepsIt()
    {
        var own = new RecordingNotifier();
        var services = new ServiceCollection();
        services.AddSingleton<INotifier>(own);
        services.AddPosFleet().AddNotifier(NotificationChannel.Email, _ => new RecordingNotifier());
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<INotifier>().SendAsync(Message(Push, "technician-7", "offline"), CancellationToken.None);

        Assert.Single(own.Messages);
    }

    [Fact]
    public void NotificationChannel_NamesCompareIgnoringCase()
    {
        Assert.Equal(NotificationChannel.Email, new NotificationChannel("EMAIL"));
        Assert.NotEqual(NotificationChannel.Email, Push);
        Assert.Throws<ArgumentException>(() => new NotificationChannel(" "));
    }
}
