using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions;
using PosFleet.AspNetCore.BackOffice.Internal;
using PosFleet.Digests;
using PosFleet.Notifications.Engine;

namespace PosFleet.Tests.BackOffice.Pages;

/// <summary>
/// Every page, download and form of the back office as it is mapped (read from the host's endpoints, so that one added
/// later is checked too): the security headers on every answer, the anti-forgery token in every form and its check on
/// every post, and the refusal of another organization's user everywhere. ana may set up outlets in shop-12 only.
/// </summary>
public sealed partial class EveryEndpointTests : IAsyncLifetime
{
    private StatusPagesHost _host = null!;

    public async Task InitializeAsync() => _host = await StatusPagesHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IRemoteActionQueue Queue => _host.Services.GetRequiredService<IRemoteActionQueue>();

    private IDigestStore Digests => _host.Services.GetRequiredService<IDigestStore>();

    [Fact]
    public async Task EveryGet_OwnOrganization_CarriesTheSecurityHeaders()
    {
        using var ana = await BackOfficeUserClient.SignInAsync(_host.Root, "ana");
        var gets = Endpoints(HttpMethods.Get);
        Assert.Contains("status/export", gets);

        foreach (var path in gets.Concat(["status/errors?terminal=till-a2", "actions/archive?id=" + Guid.NewGuid()]))
        {
            using var response = await ana.GetResponseAsync(WithOrganization(path, "shop-12"));
            AssertSecurityHeaders(response, path);
        }

        // Nobody signed in is challenged by the host's authorization (RequireAuthorization) before the back office
        // runs: that answer is the host's redirect to its own login page.
    }

    [Fact]
    public async Task EveryFormOnEveryPage_CarriesTheTokenAndTheOrganization_AndEveryPostHasAForm()
    {
        var pending = await QueueClearCacheAsync("till-a1");
        await Digests.SaveSubscriptionAsync(new DigestSubscription { Id = "shop-errors", Name = "Shop errors", Organization = "shop-12", Recipients = ["ops@example.com"] }, CancellationToken.None);
        await _host.Services.GetRequiredService<INotificationStore>().AddAsync(
            new NotificationBatch([], [new NotificationInboxEntry { Key = "shop-12/ana/1", OrganizationId = "shop-12", RecipientId = "ana", ItemKind = "ticket", ItemId = "1", Subject = "Ticket 1 needs you", Text = "Assigned to you.", CreatedAt = StatusPagesHost.Now.AddMinutes(-5) }], []),
            CancellationToken.None);
        using var ana = await BackOfficeUserClient.SignInAsync(_host.Root, "ana");
        var pages = Endpoints(HttpMethods.Get).Select(p => WithOrganization(p, "shop-12"))
            .Concat(["status/errors?terminal=till-a2&org=shop-12", "digests?id=shop-errors&org=shop-12", "actions?terminal=till-a1&org=shop-12"]);
        var posted = new HashSet<string>(StringComparer.Ordinal);

        foreach (var path in pages)
        {
            var (_, body) = await ana.GetAsync(path);
            foreach (Match form in PostForm().Matches(body))
            {
                posted.Add(form.Groups["action"].Value);
                Assert.True(form.Value.Contains("name=\"__RequestVerificationToken\" value=\"", StringComparison.Ordinal), $"a form of {path} posting to {form.Groups["action"].Value} has no anti-forgery token");
                Assert.True(form.Value.Contains("<input type=\"hidden\" name=\"org\" value=\"shop-12\">", StringComparison.Ordinal), $"a form of {path} posting to {form.Groups["action"].Value} does not name the organization");
            }
        }

        // A refusal has the header's language form too, with a token that works: another organization's page (403)
        // and a form that has expired (400).
        using (var fresh = await BackOfficeUserClient.SignInAsync(_host.Root, "ana"))
        {
            var (status, refused) = await fresh.GetAsync("status?org=shop-34");
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains("name=\"__RequestVerificationToken\" value=\"", Assert.Single(PostForm().Matches(refused)).Value, StringComparison.Ordinal);
            using var chosen = await fresh.PostFormAsync("language", [new("org", ""), new("language", "es"), new("return", "/fleet/status")]);
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
            using var expired = await fresh.PostFormAsync("language", [new("language", "fr")], withToken: false);
            Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
            Assert.Contains("name=\"__RequestVerificationToken\" value=\"", Assert.Single(PostForm().Matches(await expired.Content.ReadAsStringAsync())).Value, StringComparison.Ordinal);
        }

        // The reset's confirmation is a page of its own, shown by the row's form.
        using var confirmation = await ana.PostFormAsync("status/reset", [new("org", "shop-12"), new("terminal", "till-a1")]);
        var confirmationPage = await confirmation.Content.ReadAsStringAsync();
        Assert.Matches("<form method=\"post\" action=\"/fleet/status/reset\"[^>]*>.*name=\"__RequestVerificationToken\".*name=\"confirm\"", confirmationPage);
        AssertSecurityHeaders(confirmation, "the reset's confirmation");

        // The bell's push calls are its script's JSON posts (the token in a header, PushSubscriptionEndpointsTests), not forms.
        Assert.Equal(
            Endpoints(HttpMethods.Post).Where(p => !p.StartsWith("notifications/push/", StringComparison.Ordinal)).Select(p => "/fleet/" + p).Order(StringComparer.Ordinal),
            posted.Order(StringComparer.Ordinal));
        Assert.Equal(RemoteActionState.Pending, (await Queue.GetAsync("shop-12", pending))!.State);
    }

    [Fact]
    public async Task EveryPost_WithoutTheAntiforgeryToken_IsRefused400AndChangesNothing()
    {
        var pending = await QueueClearCacheAsync("till-a1");
        using var ana = await BackOfficeUserClient.SignInAsync(_host.Root, "ana");
        await ana.GetAsync("status?org=shop-12"); // a token in hand, left out of every post below
        var posts = Endpoints(HttpMethods.Post);
        Assert.Contains("status/reset", posts);

        foreach (var path in posts)
        {
            // The bell's push calls take JSON only (a form is refused 415 before its body is read): sent as its script sends them.
            using var response = path.StartsWith("notifications/push/", StringComparison.Ordinal)
                ? await ana.PostJsonAsync(WithOrganization(path, "shop-12"), "{}", withToken: false)
                : await ana.PostFormAsync(path, AnyForm("shop-12", pending), withToken: false);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} without the token answered {(int)response.StatusCode}");
            Assert.Contains("The form has expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.False(SetsTheLanguage(response), $"{path} set the language");
            AssertSecurityHeaders(response, path + " without the token");
        }

        var action = Assert.Single((await Queue.ListAsync(new RemoteActionQuery { Organization = "shop-12" })).Actions);
        Assert.Equal((pending, RemoteActionState.Pending), (action.Id, action.State));
        Assert.Empty(await Digests.GetSubscriptionsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task EveryPageDownloadAndPost_AnotherOrganization_IsRefused403AndChangesNothing()
    {
        // shop-34 has an action, a digest subscription and an unread notification that a post could change; ana is even
        // its notification's recipient, but she may not see shop-34.
        var theirs = await QueueClearCacheAsync("till-b1", "shop-34");
        var subscription = new DigestSubscription { Id = "shop-34-errors", Name = "Shop 34 errors", Organization = "shop-34", Recipients = ["ops34@example.com"] };
        await Digests.SaveSubscriptionAsync(subscription, CancellationToken.None);
        await _host.Services.GetRequiredService<INotificationStore>().AddAsync(
            new NotificationBatch([], [new NotificationInboxEntry { Key = "shop-34/ana/1", OrganizationId = "shop-34", RecipientId = "ana", ItemKind = "ticket", ItemId = "1", Subject = "Ticket 1 needs you", Text = "Assigned to you.", CreatedAt = StatusPagesHost.Now.AddMinutes(-5) }], []),
            CancellationToken.None);
        var inbox = _host.Services.GetRequiredService<INotificationInbox>();
        var unread = Assert.Single((await inbox.ListAsync(new NotificationInboxQuery { OrganizationId = "shop-34", RecipientId = "ana" })).Entries);
        Assert.Null(unread.ReadAt);
        using var ana = await BackOfficeUserClient.SignInAsync(_host.Root, "ana");
        await ana.GetAsync("status?org=shop-12"); // a valid token of her own

        // The style sheet and the push script and worker are the package's files, the same for every organization.
        foreach (var path in Endpoints(HttpMethods.Get).Where(p => !p.StartsWith("assets/", StringComparison.Ordinal) && !p.EndsWith(".js", StringComparison.Ordinal))
            .Concat(["status/errors?terminal=till-b1", "actions/archive?id=" + theirs, "digests?id=" + subscription.Id]))
        {
            using var response = await ana.GetResponseAsync(WithOrganization(path, "shop-34"));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path} of shop-34 answered ana {(int)response.StatusCode}");
            AssertSecurityHeaders(response, path + " of shop-34");
        }

        var posts = Endpoints(HttpMethods.Post);
        Assert.Contains("digests/run", posts);
        Assert.Contains("notifications/read-all", posts);
        foreach (var path in posts)
        {
            var id = path.StartsWith("digests/", StringComparison.Ordinal) ? subscription.Id
                : path.StartsWith("notifications/", StringComparison.Ordinal) ? unread.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : theirs.ToString();
            // The push calls are JSON naming the organization in the address (?org=), as the bell's script sends them; forms in a field.
            using var response = path.StartsWith("notifications/push/", StringComparison.Ordinal)
                ? await ana.PostJsonAsync(WithOrganization(path, "shop-34"), "{}")
                : await ana.PostFormAsync(path, AnyForm("shop-34", id));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path} for shop-34 answered ana {(int)response.StatusCode}");
            Assert.False(SetsTheLanguage(response), $"{path} for shop-34 set the language");
        }

        var action = Assert.Single((await Queue.ListAsync(new RemoteActionQuery { Organization = "shop-34" })).Actions);
        Assert.Equal((theirs, RemoteActionState.Pending), (action.Id, action.State));
        Assert.Empty((await Queue.ListAsync(new RemoteActionQuery { Organization = "shop-12" })).Actions);
        Assert.Equivalent(subscription, Assert.Single(await Digests.GetSubscriptionsAsync(CancellationToken.None)));
        Assert.Empty(await Digests.QueryRunsAsync(new DigestRunQuery { SubscriptionId = subscription.Id }, CancellationToken.None));
        Assert.Equal(1, await inbox.CountUnreadAsync("shop-34", "ana"));
        Assert.Null(Assert.Single((await inbox.ListAsync(new NotificationInboxQuery { OrganizationId = "shop-34", RecipientId = "ana" })).Entries).ReadAt);
    }

    /// <summary>The back office's endpoints of <paramref name="method"/>, as paths under it such as <c>status/export</c> (the dashboard is <c>""</c>).</summary>
    private List<string> Endpoints(string method) =>
        [.. _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<BackOfficeEndpointMetadata>() is not null
                && e.Metadata.GetMetadata<IHttpMethodMetadata>() is { } methods && methods.HttpMethods.Contains(method))
            .Select(e => e.RoutePattern.RawText!.Trim('/'))
            .Select(p => p.StartsWith("fleet", StringComparison.Ordinal) ? p["fleet".Length..].TrimStart('/') : p)
            .Order(StringComparer.Ordinal)];

    private static string WithOrganization(string path, string organization) =>
        path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "org=" + organization;

    /// <summary>Fields that would change something on any of the forms: a terminal, an action, a confirmation, a subscription.</summary>
    private static KeyValuePair<string, string>[] AnyForm(string organization, Guid action) => AnyForm(organization, action.ToString());

    private static KeyValuePair<string, string>[] AnyForm(string organization, string id) =>
    [
        new("org", organization), new("terminal", organization == "shop-12" ? "till-a1" : "till-b1"), new("id", id),
        new("name", "clear-cache"), new("confirm", "yes"), new("maxMb", "1"), new("language", "es"), new("return", "/fleet/"),
        new("recipients", "ops@example.com"), new("threshold", "1"), new("kinds", "Error"), new("sendTime", "08:00"),
        new("timeZone", "UTC"), new("windowHours", "24"), new("culture", "en"), new("test", "on"),
    ];

    private async Task<Guid> QueueClearCacheAsync(string terminal, string organization = "shop-12") =>
        (await Queue.QueueAsync(new RemoteActionRequest { Organization = organization, TerminalId = terminal, Name = "clear-cache" }))[0].Action.Id;

    private static bool SetsTheLanguage(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal));

    private static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var policy), $"{what}: no Content-Security-Policy");
        var csp = string.Join(",", policy);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff", $"{what}: no nosniff");
        Assert.True(response.Headers.TryGetValues("X-Frame-Options", out var frame) && frame.Single() == "DENY", $"{what}: may be framed");
        Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "same-origin", $"{what}: no referrer policy");
    }

    [GeneratedRegex("<form(?=[^>]*method=\"post\")[^>]*action=\"(?<action>[^\"]+)\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex PostForm();
}
