namespace PosFleet.Tests.BackOffice;

/// <summary>Signing in through the development login in a real Chromium, and what each organization's user is shown.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", BrowserCollection.Category)]
public sealed class LoginBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task SignIn_AsShop12User_ShowsTheDashboardOfShop12Only()
    {
        var page = await browser.SignInAsync("ana");

        Assert.Equal("Dashboard", await page.InnerTextAsync("h1"));
        Assert.Equal(["shop-12"], await page.Locator("select[name=org] option").AllInnerTextsAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Page_AnotherOrganizationInTheAddressBar_IsRefused()
    {
        var page = await browser.SignInAsync("luca");

        var response = await page.GotoAsync(browser.Host.Url("fleet/?org=shop-12"));

        Assert.Equal(403, response!.Status);
        Assert.Contains("You may not see this organization", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
