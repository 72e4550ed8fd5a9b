using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PosFleet.Connectors.WebPush.Tests;

/// <summary>
/// A push service for the tests: Kestrel on 127.0.0.1 at a free port that takes <c>POST /push/{id}</c>, keeps each
/// request (headers and encrypted body) and answers 201, or the statuses a test queued. Subscriptions name it as FCM
/// (<see cref="PublicHost"/>, an allowed push service); <see cref="RouteTo"/> makes the notifier's HTTP client carry
/// those requests here, as a forward proxy in front of the push services would.
/// </summary>
internal sealed class PushServiceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string? RetryAfter, string? Location)> _replies = new();
    private readonly ConcurrentQueue<ReceivedPush> _received = new();

    private PushServiceServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<ReceivedPush> Received => [.. _received];

    /// <summary>The host the subscriptions' endpoints name.</summary>
    public const string PublicHost = "fcm.googleapis.com";

    public Uri Endpoint(string id) => new($"https://{PublicHost}/push/{id}");

    /// <summary>Sends what the push notifier's HTTP client sends to <see cref="PublicHost"/> to this server instead.</summary>
    public void RouteTo(IServiceCollection services) =>
        services.AddHttpClient(WebPushPosFleetBuilderExtensions.HttpClientName).AddHttpMessageHandler(() => new Forward(BaseUri));

    /// <summary>The next request is answered with <paramref name="status"/> (then 201 again once the queue is empty).</summary>
    public void Reply(int status, string? retryAfter = null, string? location = null) => _replies.Enqueue((status, retryAfter, location));

    public static async Task<PushServiceServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        PushServiceServer? server = null;
        app.MapPost("/push/{id}", async (string id, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            server!._received.Enqueue(new ReceivedPush(id, headers, body.ToArray()));
            if (server._replies.TryDequeue(out var reply))
            {
                if (reply.RetryAfter is not null)
                {
                    request.HttpContext.Response.Headers.RetryAfter = reply.RetryAfter;
                }

                if (reply.Location is not null)
                {
                    request.HttpContext.Response.Headers.Location = reply.Location;
                }

                return Results.StatusCode(reply.Status);
            }

            return Results.Created($"/messages/{Guid.NewGuid():N}", null);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new PushServiceServer(app, new Uri(address));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record ReceivedPush(string Id, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>Rewrites requests for the public push service onto the local test server; the rest of the request is kept.</summary>
internal sealed class Forward(Uri local) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { Host: PushServiceServer.PublicHost } uri)
        {
            request.RequestUri = new Uri(local, uri.PathAndQuery);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
