using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using PosFleet.Connectors.Email.Internal;
using PosFleet.Notifications;
using PosFleet.Tests;

namespace PosFleet.Connectors.Email.Tests;

public sealed class EmailRegistrationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AddSmtpNotifierThenPickupFolder_LeavesExactlyOneEmailNotifier_ThePickupFolder()
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        var folder = Path.Combine(_dir.Path, "mail");
        services.AddPosFleet()
            .AddSmtpNotifier(o =>
            {
                o.Host = "127.0.0.1";
                o.Port = SmtpTestServer.FreePort(); // nothing listens: a send through SMTP would fail
                o.From = "fleet@example.com";
            })
            .AddPickupFolderNotifier(folder);
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<INotifier>().SendAsync(
            new NotificationMessage { Recipients = ["ana@example.es"], Subject = "s", Text = "t", IdempotencyKey = "k" }, CancellationToken.None);

        Assert.Single(services, d => d.IsKeyedService && d.ServiceType == typeof(INotifier) && Equals(d.ServiceKey, NotificationChannel.Email));
        Assert.IsType<PickupFolderNotifier>(provider.GetRequiredKeyedService<INotifier>(NotificationChannel.Email));
        Assert.True(result.AllSent);
        Assert.Single(Directory.GetFiles(folder, "*.eml"));
    }

    [Fact]
    public async Task AddPickupFolderNotifier_BesideAPushNotifier_EachChannelKeepsItsOwn()
    {
        var push = Substitute.For<INotifier>();
        var services = new ServiceCollection();
        var folder = Path.Combine(_dir.Path, "mail");
        services.AddPosFleet().AddNotifier(new NotificationChannel("push"), _ => push).AddPickupFolderNotifier(folder);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<INotifier>().SendAsync(
            new NotificationMessage { Recipients = ["ana@example.es"], Subject = "s", Text = "t", IdempotencyKey = "k" }, CancellationToken.None);

        Assert.Same(push, provider.GetRequiredKeyedService<INotifier>(new NotificationChannel("push")));
        await push.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
        Assert.Single(Directory.GetFiles(folder, "*.eml"));
    }
}
