using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync.Exchange;
using PosFleet.Sync.Outbox;
using PosFleet.Tests;

namespace PosFleet.AspNetCore.Tests;

/// <summary>The endpoint as a terminal's bytes meet it: a raw HttpClient against Kestrel on loopback.</summary>
public sealed class SyncEndpointTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private SyncBackOfficeServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await SyncBackOfficeServer.StartAsync(
            backOffice: o => o.MinimumApplicationVersion = "34",
            endpoint: o => o.MaxRequestBodyBytes = 16 * 1024);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Post_ValidRequest_Answers200WithGzipResponseAcknowledgingTheBatch()
    {
        var till = await _server.EnrolAsync("till-01");
        var request = Request("till-01", messages: 3);

        using var response = await Http.SendAsync(Post(SyncWireFormat.EncodeRequest(request), till.Credential));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SyncProtocol.MediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([SyncProtocol.ContentEncoding], response.Content.Headers.ContentEncoding);
        var answer = await SyncWireFormat.ReadResponseAsync(await response.Content.ReadAsStreamAsync());
        Assert.Equal(request.Outbox.Select(m => m.Id), answer.Acknowledged);
        Assert.Null(answer.Refusal);
        Assert.All(request.Outbox, m => Assert.Equal("till-01", _server.Tickets.TerminalOf(m.Id)));
        Assert.Equal(3, _server.Tickets.Total);
    }

    [Fact]
    public async Task Post_NoCredential_Answers401WithChallengeAndWritesNothing()
    {
        await _server.EnrolAsync("till-01");

        using var response = await Http.SendAsync(Post(SyncWireFormat.EncodeRequest(Request("till-01")), credential: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("realm=\"posfleet-sync\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, _server.Tickets.Total);
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData("revoked")]
    [InlineData("other-scheme")]
    public async Task Post_CredentialNotAccepted_Answers401InvalidTokenAndWritesNothing(string kind)
    {
        var till = await _server.EnrolAsync("till-01");
        var credential = till.Credential;
        var header = (string?)null;
        switch (kind)
        {
            case "wrong-secret":
                // Same terminal, another secret of the right form.
                credential = credential[..^4] + (credential.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
                break;
            case "revoked":
                Assert.True(await _server.RevokeAsync("till-01"));
                break;
            default:
                header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("till-01:" + credential));
                break;
        }

        var message = Post(SyncWireFormat.EncodeRequest(Request("till-01")), credential);
        if (header is not null)
        {
            message.Headers.Authorization = AuthenticationHeaderValue.Parse(header);
        }

        using var response = await Http.SendAsync(message);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(0, _server.Tickets.Total);
    }

    [Fact]
    public async Task Post_AnotherTerminalsValidCredential_Answers403AndWritesNothing()
    {
        var mine = await _server.EnrolAsync("till-01");
        await _server.EnrolAsync("till-02");

        using var response = await Http.SendAsync(Post(SyncWireFormat.EncodeRequest(Request("till-02", messages: 2)), mine.Credential));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Contains("till-01", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _server.Tickets.Total);
    }

    [Fact]
    public async Task Post_AnotherOrganization_Answers403AndWritesNothing()
    {
        var mine = await _server.EnrolAsync("till-01", "ACME");

        using var response = await Http.SendAsync(Post(SyncWireFormat.EncodeRequest(Request("till-01") with { Organization = "GLOBEX" }), mine.Credential));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, _server.Tickets.Total);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Post_BodyOverTheLimit_Answers413AndWritesNothing(bool declaredLength)
    {
        var till = await _server.EnrolAsync("till-01");
        var noise = new byte[64 * 1024];
        new Random(7).NextBytes(noise); // incompressible: the gzip body stays over 16 KiB
        var payload = JsonDocument.Parse(JsonSerializer.Serialize(Convert.ToBase64String(noise))).RootElement;
        var body = SyncWireFormat.EncodeRequest(Request("till-01") with { Outbox = [Message(payload)] });
        var message = Post(body, till.Credential);
        if (!declaredLength)
        {
            message.Content = new StreamContent(new MemoryStream(body));
            message.Content.Headers.ContentType = new(SyncProtocol.MediaType);
            message.Content.Headers.ContentEncoding.Add(SyncProtocol.ContentEncoding);
            message.Headers.TransferEncodingChunked = true;
        }

        using var response = await Http.SendAsync(message);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, _server.Tickets.Total);
    }

    [Theory]
    [InlineData("not gzip at all")]
    [InlineData("gzip of text that is not JSON")]
    [InlineData("gzip of JSON that is not a request")]
    public async Task Post_GarbageBody_Answers400ProblemAndWritesNothing(string kind)
    {
        var till = await _server.EnrolAsync("till-01");
        var body = kind switch
        {
            "not gzip at all" => Encoding.UTF8.GetBytes("hello"),
            "gzip of text that is not JSON" => Gzip("{{{ nope"),
            _ => Gzip("[1, 2, 3]"),
        };

        using var response = await Http.SendAsync(Post(body, till.Credential));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace((await ProblemAsync(response)).GetProperty("detail").GetString()));
        Assert.Equal(0, _server.Tickets.Total);
    }

    [Fact]
    public async Task Post_WithoutGzipEncoding_Answers415()
    {
        var till = await _server.EnrolAsync("till-01");

        using var response = await Http.SendAsync(Post(SyncWireFormat.EncodeRequest(Request("till-01")), till.Credential, encoding: null));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, _server.Tickets.Total);
    }

    [Fact]
    public async Task Post_VersionBelowMinimum_Answers200WithTheRefusalAndWritesNothing()
    {
        var till = await _server.EnrolAsync("till-01");
        var request = Request("till-01", messages: 2) with { Heartbeat = new SyncHeartbeat { ApplicationVersion = "33.1" } };

        using var response = await Http.SendAsync(Post(SyncWireFormat.EncodeRequest(request), till.Credential));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await SyncWireFormat.ReadResponseAsync(await response.Content.ReadAsStreamAsync());
        Assert.Equal(SyncRefusalCode.ApplicationVersionTooOld, answer.Refusal?.Code);
        Assert.Contains("34", answer.Refusal!.Reason, StringComparison.Ordinal);
        Assert.Empty(answer.Acknowledged);
        Assert.Equal(0, _server.Tickets.Total);
    }

    [Fact]
    public async Task Post_MessageOfATypeWithNoHandlerReplayed_RejectedWithTheReasonBothTimesAndTheRestAppliedOnce()
    {
        var till = await _server.EnrolAsync("till-01");
        var request = Request("till-01", messages: 3);
        var refund = request.Outbox[1] with { Type = "refund" };
        request = request with { Outbox = [request.Outbox[0], refund, request.Outbox[2]] };
        var body = SyncWireFormat.EncodeRequest(request);

        using var first = await Http.SendAsync(Post(body, till.Credential));
        using var replay = await Http.SendAsync(Post(body, till.Credential)); // the first response lost, the same bytes again
        var answers = new[] { await SyncWireFormat.ReadResponseAsync(await first.Content.ReadAsStreamAsync()), await SyncWireFormat.ReadResponseAsync(await replay.Content.ReadAsStreamAsync()) };

        Assert.All(answers, answer =>
        {
            Assert.Equal([request.Outbox[0].Id, request.Outbox[2].Id], answer.Acknowledged);
            var rejection = Assert.Single(answer.Rejected);
            Assert.Equal(refund.Id, rejection.MessageId);
            Assert.Contains("type 'refund'", rejection.Reason, StringComparison.Ordinal);
        });
        Assert.Equal(2, _server.Tickets.Total);
        var inbox = _server.Services.GetRequiredService<PosFleet.Sync.Inbox.ISyncInboxStore>();
        Assert.Equal(1L, await inbox.CountDeadLettersAsync("till-01", default));
        Assert.Equal(answers[0].Rejected[0].Reason, (await inbox.FindDeadLetterAsync("till-01", refund.Id, default))!.Reason);
    }

    [Fact]
    public async Task Post_AnyRefusal_NeverLogsTheCredential()
    {
        var mine = await _server.EnrolAsync("till-01");
        await _server.EnrolAsync("till-02");
        var secret = mine.Credential[(mine.Credential.LastIndexOf('.') + 1)..];

        (await Http.SendAsync(Post(SyncWireFormat.EncodeRequest(Request("till-01")), mine.Credential))).Dispose();
        (await Http.SendAsync(Post(SyncWireFormat.EncodeRequest(Request("till-02")), mine.Credential))).Dispose();
        (await Http.SendAsync(Post(Encoding.UTF8.GetBytes("garbage"), mine.Credential))).Dispose();
        (await Http.SendAsync(Post(SyncWireFormat.EncodeRequest(Request("till-01")), mine.Credential[..^2] + "xx"))).Dispose();

        var records = _server.Logs.GetSnapshot();
        Assert.NotEmpty(records);
        Assert.DoesNotContain(records, r => Text(r).Contains(secret, StringComparison.Ordinal));
    }

    internal static string Text(Microsoft.Extensions.Logging.Testing.FakeLogRecord record) =>
        record.Message + " " + string.Join(" ", record.StructuredState?.Select(p => p.Value) ?? []) + " " + record.Exception;

    private HttpRequestMessage Post(byte[] body, string? credential, string? encoding = "gzip")
    {
        var message = new HttpRequestMessage(HttpMethod.Post, _server.SyncUri) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new(SyncProtocol.MediaType);
        if (encoding is not null)
        {
            message.Content.Headers.ContentEncoding.Add(encoding);
        }

        if (credential is not null)
        {
            message.Headers.Authorization = new("Bearer", credential);
        }

        return message;
    }

    private static SyncRequest Request(string terminalId, int messages = 1) => new()
    {
        TerminalId = terminalId,
        Heartbeat = new SyncHeartbeat { ApplicationVersion = "34.1" },
        Outbox = [.. Enumerable.Range(0, messages).Select(i => Message(JsonDocument.Parse($"{{\"ticket\":{i},\"total\":12.5}}").RootElement))],
    };

    private static OutboxMessage Message(JsonElement payload) => OutboxMessage.Create("ticket", payload, TimeProvider.System);

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
