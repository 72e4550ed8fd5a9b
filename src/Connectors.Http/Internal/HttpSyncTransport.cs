using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Exchange;

namespace PosFleet.Connectors.Http.Internal;

/// <summary>
/// The terminal's side of the exchange over HTTP: posts the gzip-compressed request with the terminal's credential
/// (read at each exchange, so a rotated credential is used at once), reads the gzip-compressed response, and turns the
/// back office's refusals into <see cref="SyncExchangeException"/>. A client is taken from the factory per exchange,
/// so that the connection pool follows DNS changes while the agent (a singleton) lives for days.
/// </summary>
internal sealed partial class HttpSyncTransport(
    IHttpClientFactory clients,
    IOptionsMonitor<SyncAgentOptions> agent,
    IOptions<HttpSyncTransportOptions> options,
    TimeProvider time,
    ILogger<HttpSyncTransport> logger) : ISyncTransport
{
    private const int MaxProblemBytes = 8 * 1024;

    private static readonly MediaTypeHeaderValue WireMediaType = new(SyncProtocol.MediaType);

    private readonly Uri _uri = options.Value.BackOfficeUri ?? throw new InvalidOperationException("HttpSyncTransportOptions.BackOfficeUri is not set.");

    public async Task<SyncResponse> ExchangeAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetTimestamp();
        using var message = new HttpRequestMessage(HttpMethod.Post, _uri)
        {
            Content = new ByteArrayContent(SyncWireFormat.EncodeRequest(request)),
        };
        message.Content.Headers.ContentType = WireMediaType;
        message.Content.Headers.ContentEncoding.Add(SyncProtocol.ContentEncoding);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(SyncProtocol.MediaType));
        if (agent.CurrentValue.Credential is { Length: > 0 } credential)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        using var client = clients.CreateClient(HttpSyncPosFleetBuilderExtensions.HttpClientName);
        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // A 200 that is not the wire format (a captive portal, a proxy's page) is a failure to reach the back office.
                var answer = await SyncWireFormat.ReadResponseAsync(stream, cancellationToken).ConfigureAwait(false);
                Log.Exchanged(logger, request.Outbox.Count, answer.Acknowledged.Count, time.GetElapsedTime(started).TotalMilliseconds);
                return answer;
            }
        }

        var problem = await ReadProblemAsync(response, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        Log.NotAccepted(logger, status, problem);
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new SyncExchangeException(SyncExchangeStatus.Unauthorized,
                $"The back office refused the terminal's credential (HTTP 401): {problem} Check SyncAgentOptions.Credential, or enrol the terminal again."),
            HttpStatusCode.Forbidden => new SyncExchangeException(SyncExchangeStatus.Forbidden,
                $"The back office refused the terminal's credential for this terminal or organization (HTTP 403): {problem}"),
            HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType => new SyncExchangeException(SyncExchangeStatus.BadRequest,
                $"The back office refused the request (HTTP {status}): {problem}"),
            _ => new HttpRequestException($"The back office at {_uri.GetLeftPart(UriPartial.Path)} answered HTTP {status} {response.ReasonPhrase}: {problem}", null, response.StatusCode),
        };
    }

    /// <summary>The <c>detail</c> (or <c>title</c>) of a problem+json answer, or the start of whatever else it is.</summary>
    private static async Task<string> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                bytes = new byte[MaxProblemBytes];
                var length = await stream.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                Array.Resize(ref bytes, length);
            }
        }
        catch (IOException)
        {
            return "(no readable body)";
        }

        if (bytes.Length == 0)
        {
            return "(no body)";
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            foreach (var name in (ReadOnlySpan<string>)["detail", "title"])
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
            // Not problem+json: show the start of the text.
        }

        var text = System.Text.Encoding.UTF8.GetString(bytes);
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
