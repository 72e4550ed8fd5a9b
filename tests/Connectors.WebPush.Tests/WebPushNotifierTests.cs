using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using PosFleet.Notifications;
using PosFleet.Notifications.Push;

namespace PosFleet.Connectors.WebPush.Tests;

public sealed class WebPushNotifierTests : IAsyncLifetime
{
    private readonly VapidKeyPair _vapid = VapidKeyPair.Create();
    private PushServiceServer _push = null!;

    public async Task InitializeAsync() => _push = await PushServiceServer.StartAsync();

    public async Task DisposeAsync() => await _push.DisposeAsync();

    private ServiceProvider Build(Action<WebPushNotifierOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));
        _push.RouteTo(services);
        services.AddPosFleet().AddWebPushNotifier(o =>
        {
            o.Subject = "mailto:fleet@example.com";
            o.PublicKey = _vapid.PublicKey;
            o.PrivateKey = _vapid.PrivateKey;
            o.RetryDelay = TimeSpan.Zero;
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }

    private static NotificationMessage Message(params string[] recipients) => new()
    {
        Channel = NotificationChannel.Push,
        OrganizationId = "org-1",
        Recipients = recipients,
        Subject = "Till 3 does not print: moved from “Open” to “Closed”",
        Text = "Intervention: Till 3 does not print\nState: Closed",
        Headers = new Dictionary<string, string> { ["link"] = "https://backoffice.example.com/interventions/4711" },
        IdempotencyKey = "evt-1/tech-1/push",
    };

    [Fact]
    public async Task SendAsync_Subscribed_DeliversTitleBodyAndLinkEncryptedForTheBrowser()
    {
        await using var provider = Build();
        using var browser = new BrowserSubscription();
        await provider.GetRequiredService<IPushSubscriptionStore>().AddAsync(browser.For("tech-1", _push.Endpoint("a")), default);

        var result = await provider.GetRequiredService<INotifier>().SendAsync(Message("tech-1"), default);

        Assert.Equal(DeliveryStatus.Sent, Assert.Single(result.Deliveries).Status);
        var received = Assert.Single(_push.Received);
        Assert.Equal("aes128gcm", received.Headers["Content-Encoding"]);
        Assert.Equal("86400", received.Headers["TTL"]);
        using var json = JsonDocument.Parse(browser.Decrypt(received.Body));
        var root = json.RootElement;
        Assert.Equal("Till 3 does not print: moved from “Open” to “Closed”", root.GetProperty("title").GetString());
        Assert.Equal("Intervention: Till 3 does not print\nState: Closed", root.GetProperty("body").GetString());
        Assert.Equal("https://backoffice.example.com/interventions/4711", root.GetProperty("link").GetString());
        Assert.Equal("evt-1/tech-1/push", root.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task SendAsync_Request_CarriesAVapidTokenThatVerifiesWithThePublicKey()
    {
        await using var provider = Build();
        using var browser = new BrowserSubscription();
        await provider.GetRequiredService<IPushSubscriptionStore>().AddAsync(browser.For("tech-1", _push.Endpoint("a")), default);

        await provider.GetRequiredService<INotifier>().SendAsync(Message("tech-1"), default);

        // RFC 8292: Authorization: vapid t=<JWT>, k=<public key>
        var authorization = Assert.Single(_push.Received).Headers["Authorization"];
        Assert.StartsWith("vapid ", authorization, StringComparison.Ordinal);
        var parameters = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .ToDictionary(p => p[..p.IndexOf('=', StringComparison.Ordinal)], p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(_vapid.PublicKey, parameters["k"]);
        var jwt = parameters["t"].Split('.');
        Assert.Equal(3, jwt.Length);

        var publicKey = Base64Url.DecodeFromChars(_vapid.PublicKey);
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..65] },
        });
        Assert.True(ecdsa.VerifyData(Encoding.ASCII.GetBytes($"{jwt[0]}.{jwt[1]}"), Base64Url.DecodeFromChars(jwt[2]), HashAlgorithmName.SHA256),
            "the JWT's ES256 signature verifies with the VAPID public key");
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt[0]));
        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt[1]));
        // The audience is the push service's origin, as the endpoint names it (on 443, so without a port).
        Assert.Equal($"https://{PushServiceServer.PublicHost}", claims.RootElement.GetProperty("aud").GetString());
        Assert.Equal("mailto:fleet@example.com", claims.RootElement.GetProperty("sub").GetString());
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.RootElement.GetProperty("exp").GetInt64());
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
    }

    [Theory]
    [InlineData(410)]
    [InlineData(404)]
    public async Task SendAsync_SubscriptionGone_RemovesItAndFailsForGood(int status)
    {
        await using var provider = Build();
        var store = provider.GetRequiredService<IPushSubscriptionStore>();
        using var browser = new BrowserSubscription();
        await store.AddAsync(browser.For("tech-1", _push.Endpoint("gone")), default);
        _push.Reply(status);

        var delivery = Assert.Single((await provider.GetRequiredService<INotifier>().SendAsync(Message("tech-1"), default)).Deliveries);

        Assert.Equal(DeliveryStatus.PermanentFailure, delivery.Status);
        Assert.Empty(await store.ListAsync("org-1", "tech-1", default));
        Assert.Single(_push.Received); // not retried
    }

    [Fact]
    public async Task SendAsync_OneOfTwoDevicesGone_SentToTheOtherAndTheGoneOneRemoved()
    {
        await using var provider = Build();
        var store = provider.GetRequiredService<IPushSubscriptionStore>();
        using var phone = new BrowserSubscription();
        using var laptop = new BrowserSubscription();
        await store.AddAsync(phone.For("tech-1", _push.Endpoint("phone")), default);
        await store.AddAsync(laptop.For("tech-1", _push.Endpoint("laptop")), default);
        _push.Reply(410);

        var delivery = Assert.Single((await provider.GetRequiredService<INotifier>().SendAsync(Message("tech-1"), default)).Deliveries);

        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Equal(_push.Endpoint("laptop"), Assert.Single(await store.ListAsync("org-1", "tech-1", default)).Endpoint);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsThenAccepted_RetriesAndSends()
    {
        await using var provider = Build(o => o.MaxAttempts = 2);
        using var browser = new BrowserSubscription();
        await provider.GetRequiredService<IPushSubscriptionStore>().AddAsync(browser.For("tech-1", _push.Endpoint("a")), default);
        _push.Reply(429, retryAfter: "0");

        var delivery = Assert.Single((await provider.GetRequiredService<INotifier>().SendAsync(Message("tech-1"), default)).Deliveries);

        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Equal(2, _push.Received.Count);
    }

    [Fact]
    public async Task SendAsync_ServerErrorEveryTime_TransientAndSubscriptionKept()
    {
        await using var provider = Build(o => o.MaxAttempts = 3);
        var store = provider.GetRequiredService<IPushSubscriptionStore>();
        using var browser = new BrowserSubscription();
        await store.AddAsync(browser.For("tech-1", _push.Endpoint("a")), default);
        _push.Reply(503);
        _push.Reply(500);
        _push.Reply(502);

        var delivery = Assert.Single((await provider.GetRequiredService<INotifier>().SendAsync(Message("tech-1"), default)).Deliveries);

        Assert.Equal(DeliveryStatus.TransientFailure, delivery.Status);
        Assert.Contains("502", delivery.Reason, StringComparison.Ordinal);
        Assert.Equal(3, _push.Received.Count);
        Assert.Single(await store.ListAsync("org-1", "tech-1", default));
    }

    [Fact]
    public async Task SendAsync_Unauthorized_FailsForGoodWithoutRetry()
    {
        await using var provider = Build();
        using var browser = new BrowserSubscription();
        await provider.GetRequiredService<IPushSubscriptionStore>().AddAsync(browser.For("tech-1", _push.Endpoint("a")), default);
        _push.Reply(403);

        var delivery = Assert.Single((await provider.GetRequiredService<INotifier>().SendAsync(Message("tech-1"), default)).Deliveries);

        Assert.Equal(DeliveryStatus.PermanentFailure, delivery.Status);
        Assert.Contains("403", delivery.Reason, StringComparison.Ordinal);
        Assert.Single(_push.Received);
    }

    [Fact]
    public async Task SendAsync_NoSubscription_FailsForGoodNamingTheRecipient()
    {
        await using var provider = Build();

        var delivery = Assert.Single((await provider.GetRequiredService<INotifier>().SendAsync(Message("tech-9"), default)).Deliveries);

        Assert.Equal(DeliveryStatus.PermanentFailure, delivery.Status);
        Assert.Contains("'tech-9' has no push subscription", delivery.Reason, StringComparison.Ordinal);
        Assert.Empty(_push.Received);
    }

    [Fact]
    public async Task SendAsync_AnyOutcome_NeverLogsThePrivateKey()
    {
        await using var provider = Build(o => o.MaxAttempts = 2);
        var store = provider.GetRequiredService<IPushSubscriptionStore>();
        using var browser = new BrowserSubscription();
        await store.AddAsync(browser.For("tech-1", _push.Endpoint("a")), default);
        await store.AddAsync(browser.For("tech-2", _push.Endpoint("b")), default);
        _push.Reply(503);
        _push.Reply(410);

        await provider.GetRequiredService<INotifier>().SendAsync(Message("tech-1", "tech-2", "tech-3"), default);

        var logs = provider.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, r => r.Message.Contains("retrying", StringComparison.Ordinal)); // the logs were captured
        Assert.DoesNotContain(logs, r => r.Message.Contains(_vapid.PrivateKey, StringComparison.Ordinal)
            || (r.StructuredState?.Any(s => s.Value?.Contains(_vapid.PrivateKey, StringComparison.Ordinal) == true) ?? false));
    }

    [Fact]
    public async Task SendAsync_SubscribedInAnotherOrganization_NotFoundAndNothingSent()
    {
        await using var provider = Build();
        using var browser = new BrowserSubscription();
        await provider.GetRequiredService<IPushSubscriptionStore>().AddAsync(browser.For("tech-1", _push.Endpoint("a"), organizationId: "org-2"), default);

        var delivery = Assert.Single((await provider.GetRequiredService<INotifier>().SendAsync(Message("tech-1"), default)).Deliveries);

        Assert.Equal(DeliveryStatus.PermanentFailure, delivery.Status);
        Assert.Contains("'tech-1' has no push subscription", delivery.Reason, StringComparison.Ordinal);
        Assert.Empty(_push.Received);
    }

    [Fact]
    public async Task SendAsync_MessageWithoutOrganization_FailsForGoodWithoutSending()
    {
        await using var provider = Build();
        using var browser = new BrowserSubscription();
        await provider.GetRequiredService<IPushSubscriptionStore>().AddAsync(browser.For("tech-1", _push.Endpoint("a")), default);

        var delivery = Assert.Single((await provider.GetRequiredService<INotifier>().SendAsync(Message("tech-1") with { OrganizationId = null }, default)).Deliveries);

        Assert.Equal(DeliveryStatus.PermanentFailure, delivery.Status);
        Assert.Contains("names no organization", delivery.Reason, StringComparison.Ordinal);
        Assert.Empty(_push.Received);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("https://attacker.example.com/collect")]
    [InlineData("https://fcm.googleapis.com:8443/push/a")]
    public async Task SendAsync_StoredEndpointNotAnAllowedPushService_NotSentReportedAndKept(string endpoint)
    {
        await using var provider = Build();
        var store = provider.GetRequiredService<IPushSubscriptionStore>();
        using var browser = new BrowserSubscription();
        // Stored directly, as a row from before the rule would be: the test push service itself is a reachable target.
        var target = endpoint == "local" ? new Uri(_push.BaseUri, "/push/a") : new Uri(endpoint);
        await store.AddAsync(browser.For("tech-1", target), default);

        var delivery = Assert.Single((await provider.GetRequiredService<INotifier>().SendAsync(Message("tech-1"), default)).Deliveries);

        Assert.Equal(DeliveryStatus.PermanentFailure, delivery.Status);
        Assert.Contains("WebPushNotifierOptions.AllowedPushServiceHosts", delivery.Reason, StringComparison.Ordinal);
        Assert.Empty(_push.Received);
        Assert.Single(await store.ListAsync("org-1", "tech-1", default));
    }

    [Fact]
    public async Task SendAsync_PushServiceTakenOffTheOption_NotSent()
    {
        await using var provider = Build(o =>
        {
            o.AllowedPushServiceHosts.Clear();
            o.AllowedPushServiceHosts.Add("*.push.apple.com");
        });
        var store = provider.GetRequiredService<IPushSubscriptionStore>();
        using var browser = new BrowserSubscription();
        await store.AddAsync(browser.For("tech-1", _push.Endpoint("a")), default);

        var delivery = Assert.Single((await provider.GetRequiredService<INotifier>().SendAsync(Message("tech-1"), default)).Deliveries);

        Assert.Equal(DeliveryStatus.PermanentFailure, delivery.Status);
        Assert.Contains("not one of the allowed push services (*.push.apple.com)", delivery.Reason, StringComparison.Ordinal);
        Assert.Empty(_push.Received);
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task SendAsync_PushServiceRedirects_NotFollowedAndFailsForGood(int status)
    {
        await using var provider = Build();
        using var browser = new BrowserSubscription();
        await provider.GetRequiredService<IPushSubscriptionStore>().AddAsync(browser.For("tech-1", _push.Endpoint("a")), default);
        // Elsewhere on the test push service itself: a followed redirect would be received there.
        _push.Reply(status, location: new Uri(_push.BaseUri, "/push/redirected").ToString());

        var delivery = Assert.Single((await provider.GetRequiredService<INotifier>().SendAsync(Message("tech-1"), default)).Deliveries);

        Assert.Equal(DeliveryStatus.PermanentFailure, delivery.Status);
        Assert.Equal(["a"], _push.Received.Select(r => r.Id));
    }
}
