using System.Net;

namespace PosFleet.Tests.BackOffice;

/// <summary>The organization check and the anti-forgery check that every page and form runs on the server.</summary>
public sealed class BackOfficeAccessTests : IAsyncLifetime
{
    private BackOfficeHost _host = null!;

    public async Task InitializeAsync() => _host = await BackOfficeHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Page_NobodySignedIn_RedirectsToLogin()
    {
        using var client = BackOfficeUserClient.Anonymous(_host);

        var (status, _) = await client.GetAsync("fleet/?org=shop-12");

        Assert.Equal(HttpStatusCode.Redirect, status);
    }

    [Fact]
    public async Task Page_OwnOrganization_IsShown()
    {
        using var ana = await BackOfficeUserClient.SignInAsync(_host, "ana");

        var (status, body) = await ana.GetAsync("fleet/?org=shop-12");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<option value=\"shop-12\" selected>shop-12</option>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("shop-34", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_AnotherOrganization_IsRefused403()
    {
        using var ana = await BackOfficeUserClient.SignInAsync(_host, "ana");

        var (status, body) = await ana.GetAsync("fleet/?org=shop-34");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("You may not see this organization", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_AnotherOrganization_IsRefused403()
    {
        using var ana = await BackOfficeUserClient.SignInAsync(_host, "ana");
        await ana.GetAsync("fleet/?org=shop-12");

        using var response = await ana.PostFormAsync("fleet/language", [new("org", "shop-34"), new("language", "es"), new("return", "/fleet/")]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Form_WithoutAntiforgeryToken_IsRefused400()
    {
        using var ana = await BackOfficeUserClient.SignInAsync(_host, "ana");
        await ana.GetAsync("fleet/?org=shop-12");

        using var response = await ana.PostFormAsync("fleet/language", [new("org", "shop-12"), new("language", "es"), new("return", "/fleet/")], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form has expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_WithTokenOwnOrganization_SetsLanguageAndRedirects()
    {
        using var ana = await BackOfficeUserClient.SignInAsync(_host, "ana");
        await ana.GetAsync("fleet/?org=shop-12");

        using var response = await ana.PostFormAsync("fleet/language", [new("org", "shop-12"), new("language", "es"), new("return", "/fleet/?org=shop-12")]);
        var (_, page) = await ana.GetAsync("fleet/?org=shop-12");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/fleet/?org=shop-12", response.Headers.Location?.ToString());
        Assert.Contains("<html lang=\"es\">", page, StringComparison.Ordinal);
        Assert.Contains("Panel", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_ReturnToAnotherSite_RedirectsHomeInstead()
    {
        using var ana = await BackOfficeUserClient.SignInAsync(_host, "ana");
        await ana.GetAsync("fleet/?org=shop-12");

        using var response = await ana.PostFormAsync("fleet/language", [new("org", "shop-12"), new("language", "fr"), new("return", "https://evil.example/")]);

        Assert.Equal("/fleet/?org=shop-12", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task StyleSheet_IsServedFromThePackage()
    {
        using var ana = await BackOfficeUserClient.SignInAsync(_host, "ana");

        var (status, css) = await ana.GetAsync("fleet/assets/backoffice.css");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(".pf-tile.pf-error", css, StringComparison.Ordinal);
    }
}
