using System.Net;
using System.Text.RegularExpressions;

namespace PosFleet.Samples.Tests.BackOffice;

/// <summary>The back-office sample's development login, as a browser goes through it: its form, its token, its cookie.</summary>
internal static partial class SampleLogin
{
    /// <summary>A client signed in as <paramref name="user"/>, its base address the back office at <paramref name="fleet"/>; redirects are not followed.</summary>
    public static async Task<HttpClient> SignInAsync(Uri fleet, string user, string returnUrl = "/fleet/")
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = fleet };
        var login = await client.GetStringAsync("/login");
        var token = AntiforgeryField().Match(login);
        Assert.True(token.Success, login);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["user"] = user,
            ["ReturnUrl"] = returnUrl,
        });
        using var signedIn = await client.PostAsync("/login", form);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]+)">""")]
    private static partial Regex AntiforgeryField();
}
