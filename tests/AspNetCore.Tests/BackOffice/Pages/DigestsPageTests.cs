using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PosFleet.Digests;

namespace PosFleet.Tests.BackOffice.Pages;

/// <summary>The digests page (seed 000) in headless Chromium: the subscription form, its messages, run now and the history.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", BrowserCollection.Category)]
public sealed class DigestsPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private StatusPagesHost _host = null!;

    public async Task InitializeAsync() => _host = await StatusPagesHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IDigestStore Store => _host.Services.GetRequiredService<IDigestStore>();

    [Theory]
    [InlineData("en-US", "'not-an-address' is not a valid e-mail address.")]
    [InlineData("es-ES", "'not-an-address' no es una dirección de correo válida.")]
    public async Task Save_BadAddress_ShowsTheMessageBesideTheFieldInTheRequestsLanguage(string locale, string message)
    {
        var page = await _host.SignInAsync(browser.Browser, "ana", locale);
        await page.GotoAsync(new Uri(_host.Root, "digests").ToString());
        await page.Locator("#f-name").FillAsync("Shop errors");
        await page.Locator("#f-recipients").FillAsync("ops@example.com, not-an-address");
        await page.Locator("#digest-save").ClickAsync();

        Assert.Equal(message, await page.Locator("#e-recipients li").InnerTextAsync());
        Assert.Equal("true", await page.Locator("#f-recipients").GetAttributeAsync("aria-invalid"));
        Assert.Equal("ops@example.com, not-an-address", await page.Locator("#f-recipients").InputValueAsync());
        Assert.Empty(await Store.GetSubscriptionsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SaveThenDiscoverAndReceiveMail_AsATest_SendsAndShowsDeliveryPerRecipient()
    {
        var page = await _host.SignInAsync(browser.Browser, "ana");
        await page.GotoAsync(new Uri(_host.Root, "digests").ToString());
        await page.Locator("#f-name").FillAsync("Shop errors");
        await page.Locator("#f-recipients").FillAsync("ops@example.com, Ana <ana@example.es>");
        await page.Locator("#f-threshold").FillAsync("5");
        await page.Locator("input[name=kinds][value=Retry]").UncheckAsync();
        await page.Locator("#f-timeZone").FillAsync("Europe/Madrid");
        await page.Locator("#digest-save").ClickAsync();

        Assert.Equal(1, await page.Locator("#digest-saved").CountAsync());
        var subscription = Assert.Single(await Store.GetSubscriptionsAsync(CancellationToken.None));
        Assert.Equal(("Shop errors", "shop-12", 5, "Europe/Madrid"), (subscription.Name, subscription.Organization, subscription.MinimumThreshold, subscription.TimeZone));
        Assert.Equal(["ops@example.com", "Ana <ana@example.es>"], subscription.Recipients);
        Assert.DoesNotContain(Logs.LogKind.Retry, subscription.EffectiveKinds);

        await page.Locator("form.run-now input[name=test]").CheckAsync();
        await page.Locator("#digest-run").ClickAsync();

        Assert.Equal(1, await page.Locator("#digest-ran").CountAsync());
        var run = page.Locator("#runs tbody tr").First;
        Assert.Equal("Sent", await run.GetAttributeAsync("data-status"));
        Assert.Equal(["Sent", "Sent"], await run.Locator("li[data-delivery]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.delivery)"));
        Assert.Equal(["ops@example.com", "Ana <ana@example.es>"], await run.Locator("li[data-delivery]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.recipient)"));
        Assert.NotEmpty(Directory.GetFiles(_host.MailFolder, "*.eml"));
        await BrowserFixture.ScreenshotAsync(page, "digests");
    }

    [Fact]
    public async Task Digests_AnotherOrganizationsUser_IsRefusedOnEveryPageAndPost()
    {
        await Store.SaveSubscriptionAsync(new DigestSubscription { Id = "alpha-errors", Name = "Alpha errors", Organization = "shop-12", Recipients = ["ops@alpha.example"] }, CancellationToken.None);
        var page = await _host.SignInAsync(browser.Browser, "luca");
        await page.GotoAsync(new Uri(_host.Root, "digests").ToString());
        Assert.Equal(0, await page.Locator("ul.subscriptions li").CountAsync());
        var token = Uri.EscapeDataString((await page.Locator("form.subscription input[name=__RequestVerificationToken]").GetAttributeAsync("value"))!);
        var request = page.Context.APIRequest;

        Assert.Equal(403, (await request.GetAsync(new Uri(_host.Root, "digests?id=alpha-errors").ToString())).Status);
        var form = $"__RequestVerificationToken={token}&name=Mine&recipients=luca%40bravo.example&threshold=1&kinds=Error&sendTime=08%3A00&timeZone=UTC&windowHours=24&culture=en";
        Assert.Equal(403, (await PostAsync(request, "digests/save", form + "&id=alpha-errors&org=shop-34")).Status);
        Assert.Equal(403, (await PostAsync(request, "digests/save", form + "&org=shop-12")).Status);
        Assert.Equal(403, (await PostAsync(request, "digests/run", $"__RequestVerificationToken={token}&id=alpha-errors&test=on&org=shop-34")).Status);
        Assert.Equal(403, (await PostAsync(request, "digests/run", $"__RequestVerificationToken={token}&id=alpha-errors&test=on&org=shop-12")).Status);

        var stored = Assert.Single(await Store.GetSubscriptionsAsync(CancellationToken.None));
        Assert.Equal(("Alpha errors", "shop-12"), (stored.Name, stored.Organization));
        Assert.Empty(await Store.QueryRunsAsync(new DigestRunQuery(), CancellationToken.None));
    }

    private Task<IAPIResponse> PostAsync(IAPIRequestContext request, string path, string body) =>
        request.PostAsync(new Uri(_host.Root, path).ToString(), new() { Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" }, Data = body, MaxRedirects = 0 });
}
