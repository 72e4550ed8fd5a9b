using System.Net;
using System.Text.RegularExpressions;

namespace PosFleet.Tests.BackOffice;

/// <summary>
/// An HTTP client signed in as one development user, the way a browser is (the login page's form, its cookie): for
/// the tests that try another organization's pages and forms without driving a browser. It keeps the anti-forgery token
/// of the last page it read, so a test can post a form as the page would, or without the token.
/// </summary>
internal sealed partial class BackOfficeUserClient : IDisposable
{
    private readonly HttpClient _client;

    private BackOfficeUserClient(HttpClient client) => _client = client;

    /// <summary>The anti-forgery token of the last page read (its hidden form field), or <see langword="null"/>.</summary>
    public string? Token { get; private set; }

    /// <summary>A client that nobody signed in to.</summary>
    public static BackOfficeUserClient Anonymous(BackOfficeHost host) => Anonymous(host.BaseUri);

    /// <summary>A client that nobody signed in to, of the host at <paramref name="root"/> (where its <c>login</c> page is).</summary>
    public static BackOfficeUserClient Anonymous(Uri root) =>
        new(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = root });

    /// <summary>Signs in as <paramref name="user"/> through the login page.</summary>
    public static Task<BackOfficeUserClient> SignInAsync(BackOfficeHost host, string user) => SignInAsync(host.BaseUri, user);

    /// <summary>Signs in as <paramref name="user"/> through the login page of the host at <paramref name="root"/>, its browser asking for <paramref name="language"/>.</summary>
    public static async Task<BackOfficeUserClient> SignInAsync(Uri root, string user, string? language = null)
    {
        var client = Anonymous(root);
        if (language is not null)
        {
            client._client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        await client.GetAsync("/login");
        using var response = await client.PostFormAsync("/login", [new("user", user)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Reads a page and keeps its anti-forgery token.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await GetResponseAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (TokenField().Match(body) is { Success: true } match)
        {
            Token = WebUtility.HtmlDecode(match.Groups[1].Value);
        }

        return (response.StatusCode, body);
    }

    /// <summary>Reads <paramref name="path"/> and answers the whole response (its headers included); keeps no token.</summary>
    public Task<HttpResponseMessage> GetResponseAsync(string path) => _client.GetAsync(path);

    /// <summary>Posts a form with the kept anti-forgery token (unless <paramref name="withToken"/> is false).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        var all = fields.ToList();
        if (withToken && Token is not null)
        {
            all.Add(new("__RequestVerificationToken", Token));
        }

        return _client.PostAsync(path, new FormUrlEncodedContent(all));
    }

    /// <summary>Posts <paramref name="json"/> as a page's script does: the anti-forgery token in a header (unless <paramref name="withToken"/> is false).</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, bool withToken = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (withToken && Token is not null)
        {
            request.Headers.Add("RequestVerificationToken", Token);
        }

        return _client.SendAsync(request);
    }

    /// <summary>Sends <paramref name="request"/> with the user's cookie, as a page's script would.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _client.SendAsync(request);

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
