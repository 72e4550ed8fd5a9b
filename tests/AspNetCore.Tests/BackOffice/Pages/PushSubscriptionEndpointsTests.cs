using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Connectors.WebPush;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;
using PosFleet.Notifications.Push;

namespace PosFleet.Tests.BackOffice.Pages;

/// <summary>
/// The bell page's push calls over HTTP (Kestrel, the sample's login, SQLite, the Web Push notifier's registration):
/// subscribe stores the browser's subscription for the signed-in user in the checked organization, refusals, the key
/// endpoint, and the script and worker served from the package.
/// </summary>
public sealed class PushSubscriptionEndpointsTests : IAsyncLifetime
{
    private readonly string _publicKey;
    private readonly string _privateKey;
    private BackOfficeHost _host = null!;

    public PushSubscriptionEndpointsTests() => (_publicKey, _privateKey) = NewVapidKeys();

    private IPushSubscriptionStore Store => _host.Services.GetRequiredService<IPushSubscriptionStore>();

    public async Task InitializeAsync() => _host = await StartWithPushAsync(_publicKey, _privateKey);

    /// <summary>A VAPID key pair (base64url), as <c>npx web-push generate-vapid-keys</c> prints one.</summary>
    internal static (string PublicKey, string PrivateKey) NewVapidKeys()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        return (Base64Url.EncodeToString([0x04, .. p.Q.X!, .. p.Q.Y!]), Base64Url.EncodeToString(p.D));
    }

    /// <summary>The back office with the notification engine and the Web Push notifier: the bell page with push set up.</summary>
    internal static Task<BackOfficeHost> StartWithPushAsync(string publicKey, string privateKey, params string[] allowedHosts) => BackOfficeHost.StartAsync(compose: fleet =>
    {
        fleet.AddNotificationEngine().AddWebPushNotifier(o =>
        {
            o.Subject = "mailto:fleet@example.com";
            o.PublicKey = publicKey;
            o.PrivateKey = privateKey;
            if (allowedHosts.Length > 0)
            {
                o.AllowedPushServiceHosts.Clear();
                foreach (var host in allowedHosts)
                {
                    o.AllowedPushServiceHosts.Add(host);
                }
            }
        });
        fleet.Services.AddSingleton<INotificationDirectory, StatusPagesHost.NoRecipients>();
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Subscribe_WithToken_StoresTheSubscriptionForTheUserInTheirOrganization()
    {
        using var ana = await SignedInOnBellAsync("ana");
        var browser = Browser("https://fcm.googleapis.com/fcm/send/abc");

        using var first = await PostJsonAsync(ana, "fleet/notifications/push/subscribe?org=shop-12", browser.Json);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var again = await PostJsonAsync(ana, "fleet/notifications/push/subscribe?org=shop-12", browser.Json);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var stored = Assert.Single(await Store.ListAsync("shop-12", BackOfficeHost.Ana.Name, default));
        Assert.Equal(new Uri("https://fcm.googleapis.com/fcm/send/abc"), stored.Endpoint);
        Assert.Equal(browser.P256dh, stored.P256dh);
        Assert.Equal(browser.Auth, stored.Auth);

        using var off = await PostJsonAsync(ana, "fleet/notifications/push/unsubscribe?org=shop-12", browser.Json);
        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        Assert.Empty(await Store.ListAsync("shop-12", BackOfficeHost.Ana.Name, default));
    }

    [Fact]
    public async Task Subscribe_WithoutToken_IsRefusedAndStoresNothing()
    {
        using var ana = await SignedInOnBellAsync("ana");
        using var response = await PostJsonAsync(ana, "fleet/notifications/push/subscribe?org=shop-12", Browser("https://fcm.googleapis.com/fcm/send/x").Json, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await Store.ListAsync("shop-12", BackOfficeHost.Ana.Name, default));
    }

    [Fact]
    public async Task Subscribe_AnotherOrganization_IsForbiddenAndStoresNothing()
    {
        using var luca = await SignedInOnBellAsync("luca");
        using var response = await PostJsonAsync(luca, "fleet/notifications/push/subscribe?org=shop-12", Browser("https://fcm.googleapis.com/fcm/send/y").Json);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await Store.ListAsync("shop-12", BackOfficeHost.Luca.Name, default));
        Assert.Empty(await Store.ListAsync("shop-34", BackOfficeHost.Luca.Name, default));
    }

    [Theory]
    [InlineData("""{"endpoint":"http://fcm.googleapis.com/fcm/send/x","keys":{"p256dh":"P256","auth":"AUTH"}}""", "endpoint")]
    [InlineData("""{"endpoint":"https://fcm.googleapis.com/fcm/send/x","keys":{"p256dh":"AAAA","auth":"AUTH"}}""", "keys.p256dh")]
    [InlineData("""{"endpoint":"https://fcm.googleapis.com/fcm/send/x","keys":{"p256dh":"P256","auth":"AAAA"}}""", "keys.auth")]
    [InlineData("""{"endpoint":"https://fcm.googleapis.com/fcm/send/x"}""", "keys.p256dh")]
    [InlineData("""not json""", "not JSON")]
    public async Task Subscribe_MalformedSubscription_IsRefusedNamingWhatIsWrong(string template, string named)
    {
        using var ana = await SignedInOnBellAsync("ana");
        var browser = Browser("https://fcm.googleapis.com/fcm/send/x");
        var body = template.Replace("P256", browser.P256dh, StringComparison.Ordinal).Replace("AUTH", browser.Auth, StringComparison.Ordinal);

        using var response = await PostJsonAsync(ana, "fleet/notifications/push/subscribe?org=shop-12", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(named, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await Store.ListAsync("shop-12", BackOfficeHost.Ana.Name, default));
    }

    [Theory]
    [InlineData("https://attacker.example.com/collect", "not one of the allowed push services")]
    [InlineData("https://fcm.googleapis.com.attacker.example.com/x", "not one of the allowed push services")]
    [InlineData("https://push.apple.com/x", "not one of the allowed push services")]
    [InlineData("https://fcm.googleapis.com:8443/fcm/send/x", "port is 8443")]
    [InlineData("https://127.0.0.1/fcm/send/x", "IP address")]
    [InlineData("https://[::1]/fcm/send/x", "IP address")]
    [InlineData("https://2130706433/fcm/send/x", "IP address")]
    [InlineData("https://localhost/fcm/send/x", "this machine")]
    [InlineData("https://admin:secret@fcm.googleapis.com/fcm/send/x", "user name or password")]
    public async Task Subscribe_EndpointNotAnAllowedPushService_RefusedNamingTheOptionAndStoresNothing(string endpoint, string named)
    {
        using var ana = await SignedInOnBellAsync("ana");

        using var response = await PostJsonAsync(ana, "fleet/notifications/push/subscribe?org=shop-12", Browser(endpoint).Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var detail = problem.RootElement.GetProperty("detail").GetString();
        Assert.Contains(named, detail, StringComparison.Ordinal);
        Assert.Contains("WebPushNotifierOptions.AllowedPushServiceHosts", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", detail, StringComparison.Ordinal);
        Assert.Empty(await Store.ListAsync("shop-12", BackOfficeHost.Ana.Name, default));
    }

    [Theory]
    [InlineData("https://wns2-par02p.notify.windows.com/w/?token=abc")]
    [InlineData("https://updates.push.services.mozilla.com/wpush/v2/abc")]
    [InlineData("https://web.push.apple.com/abc")]
    public async Task Subscribe_EndpointOfABrowsersPushService_Stored(string endpoint)
    {
        using var ana = await SignedInOnBellAsync("ana");

        using var response = await PostJsonAsync(ana, "fleet/notifications/push/subscribe?org=shop-12", Browser(endpoint).Json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(new Uri(endpoint), Assert.Single(await Store.ListAsync("shop-12", BackOfficeHost.Ana.Name, default)).Endpoint);
    }

    [Fact]
    public async Task Subscribe_EndpointHeldByAnotherUser_ConflictAndTheHolderKeepsIt()
    {
        using var ana = await SignedInOnBellAsync("ana");
        using var luca = await SignedInOnBellAsync("luca");
        var anas = Browser("https://fcm.googleapis.com/fcm/send/shared");
        using var first = await PostJsonAsync(ana, "fleet/notifications/push/subscribe?org=shop-12", anas.Json);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var taken = await PostJsonAsync(luca, "fleet/notifications/push/subscribe?org=shop-34", Browser("https://fcm.googleapis.com/fcm/send/shared").Json);

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var kept = Assert.Single(await Store.ListAsync("shop-12", BackOfficeHost.Ana.Name, default));
        Assert.Equal((anas.P256dh, anas.Auth), (kept.P256dh, kept.Auth));
        Assert.Empty(await Store.ListAsync("shop-34", BackOfficeHost.Luca.Name, default));
    }

    [Fact]
    public async Task Unsubscribe_EndpointHeldByAnotherUserOfTheOrganization_NothingChangesAndTheRowStaysListed()
    {
        using var ana = await SignedInOnBellAsync("ana");
        var colleagues = Browser("https://fcm.googleapis.com/fcm/send/colleague");
        var held = new PushSubscription("shop-12", "marta", new Uri("https://fcm.googleapis.com/fcm/send/colleague"), colleagues.P256dh, colleagues.Auth);
        Assert.Equal(PushSubscriptionAddResult.Added, await Store.AddAsync(held, default));

        using var off = await PostJsonAsync(ana, "fleet/notifications/push/unsubscribe?org=shop-12", colleagues.Json);

        // The same answer as for one's own: whether someone else holds an endpoint is not told.
        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        var kept = Assert.Single(await Store.ListAsync("shop-12", "marta", default));
        Assert.Equal((colleagues.P256dh, colleagues.Auth), (kept.P256dh, kept.Auth));
        Assert.Empty(await Store.ListAsync("shop-12", BackOfficeHost.Ana.Name, default));
    }

    [Fact]
    public async Task Subscribe_HostAllowsOnlyApple_FcmEndpointRefusedNamingTheAllowedPattern()
    {
        await using var appleOnly = await StartWithPushAsync(_publicKey, _privateKey, "*.push.apple.com");
        using var ana = await BackOfficeUserClient.SignInAsync(appleOnly, "ana");
        var (status, _) = await ana.GetAsync("fleet/notifications");
        Assert.Equal(HttpStatusCode.OK, status);

        using var response = await PostJsonAsync(ana, "fleet/notifications/push/subscribe?org=shop-12", Browser("https://fcm.googleapis.com/fcm/send/abc").Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var detail = problem.RootElement.GetProperty("detail").GetString();
        Assert.Contains("(*.push.apple.com)", detail, StringComparison.Ordinal);
        Assert.Contains("WebPushNotifierOptions.AllowedPushServiceHosts", detail, StringComparison.Ordinal);
        Assert.Empty(await appleOnly.Services.GetRequiredService<IPushSubscriptionStore>().ListAsync("shop-12", BackOfficeHost.Ana.Name, default));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=pf")]
    public async Task Subscribe_FormPostOver8KiB_UnsupportedMediaTypeBeforeTheFormIsRead(string contentType)
    {
        using var ana = await SignedInOnBellAsync("ana");
        var form = "__RequestVerificationToken=" + Uri.EscapeDataString(ana.Token!) + "&pad=" + new string('x', 64 * 1024);
        var body = new ChunkedForm(Encoding.ASCII.GetBytes(form), contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, "fleet/notifications/push/subscribe?org=shop-12") { Content = body };
        request.Headers.Add("RequestVerificationToken", ana.Token);

        using var response = await ana.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("application/json", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await Store.ListAsync("shop-12", BackOfficeHost.Ana.Name, default));
    }

    [Fact]
    public async Task Subscribe_SameUserAgainWithNewKeys_UpdatesTheKeys()
    {
        using var ana = await SignedInOnBellAsync("ana");
        using var first = await PostJsonAsync(ana, "fleet/notifications/push/subscribe?org=shop-12", Browser("https://fcm.googleapis.com/fcm/send/renewed").Json);
        var renewed = Browser("https://fcm.googleapis.com/fcm/send/renewed");

        using var again = await PostJsonAsync(ana, "fleet/notifications/push/subscribe?org=shop-12", renewed.Json);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var stored = Assert.Single(await Store.ListAsync("shop-12", BackOfficeHost.Ana.Name, default));
        Assert.Equal((renewed.P256dh, renewed.Auth), (stored.P256dh, stored.Auth));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Subscribe_BodyOver8KiB_PayloadTooLargeAndStoresNothing(bool withLength)
    {
        using var ana = await SignedInOnBellAsync("ana");
        var browser = Browser("https://fcm.googleapis.com/fcm/send/big");
        var padded = browser.Json.Replace("\"expirationTime\":null", $"\"expirationTime\":null,\"pad\":\"{new string('x', 9000)}\"", StringComparison.Ordinal);
        var request = new HttpRequestMessage(HttpMethod.Post, "fleet/notifications/push/subscribe?org=shop-12")
        {
            // Without a length the body arrives chunked, and is cut off after 8 KiB rather than read whole.
            Content = withLength ? new StringContent(padded, Encoding.UTF8, "application/json") : new ChunkedJson(padded),
        };
        request.Headers.Add("RequestVerificationToken", ana.Token);

        using var response = await ana.SendAsync(request);

        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {answer}");
        using var problem = JsonDocument.Parse(answer);
        Assert.Contains("larger than 8192 bytes", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await Store.ListAsync("shop-12", BackOfficeHost.Ana.Name, default));
    }

    [Fact]
    public async Task Subscribe_ChunkedBodyUnderTheLimit_Stored()
    {
        using var ana = await SignedInOnBellAsync("ana");
        var request = new HttpRequestMessage(HttpMethod.Post, "fleet/notifications/push/subscribe?org=shop-12") { Content = new ChunkedJson(Browser("https://fcm.googleapis.com/fcm/send/chunked").Json) };
        request.Headers.Add("RequestVerificationToken", ana.Token);

        using var response = await ana.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Single(await Store.ListAsync("shop-12", BackOfficeHost.Ana.Name, default));
    }

    [Fact]
    public async Task Key_SignedInUser_GetsThePublicKeyOnly()
    {
        using var ana = await SignedInOnBellAsync("ana");
        var (status, body) = await ana.GetAsync("fleet/notifications/push/key?org=shop-12");

        Assert.Equal(HttpStatusCode.OK, status);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(_publicKey, json.RootElement.GetProperty("publicKey").GetString());
        Assert.Single(json.RootElement.EnumerateObject());
        Assert.DoesNotContain(_privateKey, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fleet/push.js", "addEventListener('click'")]
    [InlineData("fleet/push-sw.js", "showNotification")]
    public async Task Script_SignedInUser_IsServedAsJavaScriptWithCacheHeaders(string path, string content)
    {
        using var ana = await SignedInOnBellAsync("ana");
        using var response = await ana.SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Private);
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BellPage_PushSetUp_HasTheHiddenButtonsAndAllowsScriptsFromTheSiteOnly()
    {
        using var ana = await BackOfficeUserClient.SignInAsync(_host, "ana");
        using var response = await ana.SendAsync(new HttpRequestMessage(HttpMethod.Get, "fleet/notifications?org=shop-12"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Contains("""<button type="button" class="pf-button" id="push-enable" hidden>""", body, StringComparison.Ordinal);
        Assert.Contains("""<button type="button" class="pf-button" id="push-disable" hidden>""", body, StringComparison.Ordinal);
        Assert.Contains("""data-unsubscribe="/fleet/notifications/push/unsubscribe""", body, StringComparison.Ordinal);
        Assert.Contains("""<script src="/fleet/push.js" defer></script>""", body, StringComparison.Ordinal);
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("worker-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.BaseUri.Authority, csp, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", csp, StringComparison.Ordinal);
    }

    private async Task<BackOfficeUserClient> SignedInOnBellAsync(string user)
    {
        var client = await BackOfficeUserClient.SignInAsync(_host, user);
        var (status, _) = await client.GetAsync("fleet/notifications");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(client.Token);
        return client;
    }

    private static Task<HttpResponseMessage> PostJsonAsync(BackOfficeUserClient client, string path, string json, bool withToken = true) =>
        client.PostJsonAsync(path, json, withToken);

    /// <summary>What a browser's <c>PushSubscription.toJSON()</c> holds: a fresh P-256 key and 16-byte secret.</summary>
    private static (string Json, string P256dh, string Auth) Browser(string endpoint)
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        var p256dh = Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]);
        var auth = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var json = $$$"""{"endpoint":"{{{endpoint}}}","expirationTime":null,"keys":{"p256dh":"{{{p256dh}}}","auth":"{{{auth}}}"}}""";
        return (json, p256dh, auth);
    }

    /// <summary>A JSON body sent without a Content-Length (chunked), as a client streaming it would.</summary>
    private sealed class ChunkedJson : HttpContent
    {
        private readonly byte[] _json;

        public ChunkedJson(string json)
        {
            _json = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            stream.WriteAsync(_json).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>A form body of a given content type, sent chunked so that the server learns its size only by reading it.</summary>
    private sealed class ChunkedForm : HttpContent
    {
        private readonly byte[] _body;

        public ChunkedForm(byte[] body, string contentType)
        {
            _body = body;
            Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            // The server answers without reading the body; writing may then fail as it closes the request.
            try
            {
                await stream.WriteAsync(_body);
            }
            catch (IOException)
            {
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
