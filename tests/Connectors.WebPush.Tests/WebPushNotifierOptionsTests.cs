using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Notifications;

namespace PosFleet.Connectors.WebPush.Tests;

public sealed class WebPushNotifierOptionsTests
{
    private static OptionsValidationException Invalid(Action<WebPushNotifierOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPosFleet().AddWebPushNotifier(configure);
        using var provider = services.BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<INotifier>(NotificationChannel.Push));
    }

    [Fact]
    public void AddWebPushNotifier_NothingSet_NamesEachOptionAndTheFix()
    {
        var error = Invalid(_ => { });

        Assert.Contains("WebPushNotifierOptions.Subject '' is not a mailto: address nor an https: URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("WebPushNotifierOptions.PublicKey is not a base64url P-256 public key", error.Message, StringComparison.Ordinal);
        Assert.Contains("WebPushNotifierOptions.PrivateKey is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("npx web-push generate-vapid-keys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWebPushNotifier_KeysOfTwoPairs_RefusedWithoutShowingThePrivateKey()
    {
        var one = VapidKeyPair.Create();
        var other = VapidKeyPair.Create();

        var error = Invalid(o =>
        {
            o.Subject = "https://fleet.example.com/contact";
            o.PublicKey = one.PublicKey;
            o.PrivateKey = other.PrivateKey;
        });

        Assert.Contains("WebPushNotifierOptions.PrivateKey does not belong to WebPushNotifierOptions.PublicKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(other.PrivateKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWebPushNotifier_MalformedPrivateKey_RefusedWithoutShowingIt()
    {
        const string secret = "bm90LWEta2V5LWJ1dC1hLXNlY3JldA";

        var error = Invalid(o =>
        {
            o.Subject = "mailto:fleet@example.com";
            o.PublicKey = VapidKeyPair.Create().PublicKey;
            o.PrivateKey = secret;
        });

        Assert.Contains("WebPushNotifierOptions.PrivateKey is not a base64url P-256 private key (32 bytes)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWebPushNotifier_NoPushServiceHost_RefusedNamingTheOption()
    {
        var keys = VapidKeyPair.Create();

        var error = Invalid(o =>
        {
            o.Subject = "mailto:fleet@example.com";
            o.PublicKey = keys.PublicKey;
            o.PrivateKey = keys.PrivateKey;
            o.AllowedPushServiceHosts.Clear();
        });

        Assert.Contains("WebPushNotifierOptions.AllowedPushServiceHosts: the list is empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://fcm.googleapis.com")]
    [InlineData("fcm.googleapis.com:443")]
    [InlineData("fcm.googleapis.com/fcm")]
    [InlineData("*.com")]
    [InlineData("push.*.example.com")]
    [InlineData("**.push.apple.com")]
    [InlineData("10.0.0.7")]
    [InlineData("[::1]")]
    [InlineData("localhost")]
    [InlineData("push.localhost")]
    [InlineData("")]
    [InlineData(" fcm.googleapis.com")]
    public void AddWebPushNotifier_BadPushServiceHost_RefusedNamingTheOptionAndThePattern(string pattern)
    {
        var keys = VapidKeyPair.Create();

        var error = Invalid(o =>
        {
            o.Subject = "mailto:fleet@example.com";
            o.PublicKey = keys.PublicKey;
            o.PrivateKey = keys.PrivateKey;
            o.AllowedPushServiceHosts.Add(pattern);
        });

        Assert.Contains("WebPushNotifierOptions.AllowedPushServiceHosts: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(pattern.Length == 0 ? "is empty" : $"'{pattern}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'*.push.apple.com'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWebPushNotifier_ValidPair_ServesThePushChannelOnly()
    {
        var keys = VapidKeyPair.Create();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPosFleet().AddWebPushNotifier(o =>
        {
            o.Subject = "mailto:fleet@example.com";
            o.PublicKey = keys.PublicKey;
            o.PrivateKey = keys.PrivateKey;
        });
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredKeyedService<INotifier>(NotificationChannel.Push));
        Assert.Null(provider.GetKeyedService<INotifier>(NotificationChannel.Email));
    }
}
