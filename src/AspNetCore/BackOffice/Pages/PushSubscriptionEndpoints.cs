using System.Buffers.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.AspNetCore.BackOffice.Internal;
using PosFleet.Notifications.Push;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>
/// The bell page's push calls: the VAPID public key to subscribe with, and subscribe / unsubscribe taking the
/// browser's <c>PushSubscription.toJSON()</c>. The subscription is stored for the signed-in user in the organization
/// the server checked (<c>?org=</c>), never one the body names; changes need the page's anti-forgery token.
/// </summary>
internal static class PushSubscriptionEndpoints
{
    /// <summary>More than any browser's subscription JSON (an endpoint URL and two short keys).</summary>
    private const int MaxBody = BackOfficePages.MaxApiBody;

    private const int MaxEndpoint = 2048;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/notifications/push/key", context => BackOfficePages.ApiAsync(context, changes: false, (request, _) => ValueTask.FromResult(Key(context))))
            .WithDisplayName("PosFleet back office: push public key");
        group.MapPost("/notifications/push/subscribe", context => BackOfficePages.ApiAsync(context, changes: true, (request, ct) => SubscribeAsync(context, request, ct)))
            .WithDisplayName("PosFleet back office: subscribe to push");
        group.MapPost("/notifications/push/unsubscribe", context => BackOfficePages.ApiAsync(context, changes: true, (request, ct) => UnsubscribeAsync(context, request, ct)))
            .WithDisplayName("PosFleet back office: unsubscribe from push");
    }

    /// <summary>Whether push is set up in this host: a push notifier's public key and a subscription store.</summary>
    public static bool Enabled(IServiceProvider services) =>
        services.GetService<PushApplicationServerKey>() is not null && services.GetService<IPushSubscriptionStore>() is not null;

    private static IResult Key(HttpContext context) =>
        context.RequestServices.GetService<PushApplicationServerKey>() is { } key
            ? Results.Text($$"""{"publicKey":"{{JsonEncodedText.Encode(key.PublicKey)}}"}""", "application/json; charset=utf-8")
            : PushOff();

    private static async ValueTask<IResult> SubscribeAsync(HttpContext context, BackOfficeRequest request, CancellationToken cancellationToken)
    {
        if (!Enabled(context.RequestServices))
        {
            return PushOff();
        }

        if (request.RecipientId is not { } recipient)
        {
            return NoRecipient();
        }

        var (subscription, refusal) = await ReadAsync(context, request.Organization, recipient, cancellationToken).ConfigureAwait(false);
        if (subscription is null)
        {
            return refusal!;
        }

        // The server will POST to this URL: only a push service's (the notifier checks again before each send).
        var hosts = context.RequestServices.GetService<PushServiceHosts>() ?? PushServiceHosts.Default;
        if (!hosts.IsAllowed(subscription.Endpoint, out var reason))
        {
            return Invalid($"endpoint is refused: {reason}. Subscribe from a browser whose push service is allowed; the host lists push services in WebPushNotifierOptions.AllowedPushServiceHosts.");
        }

        var result = await context.RequestServices.GetRequiredService<IPushSubscriptionStore>().AddAsync(subscription, cancellationToken).ConfigureAwait(false);
        return result switch
        {
            PushSubscriptionAddResult.Added => Results.StatusCode(StatusCodes.Status201Created),
            PushSubscriptionAddResult.Updated => Results.StatusCode(StatusCodes.Status200OK),
            _ => Results.Problem(
                "This browser's push subscription belongs to another user or organization and is left as it is. That user turns notifications off on this browser first (or the browser subscribes anew).",
                statusCode: StatusCodes.Status409Conflict,
                title: "Push subscription held by another user"),
        };
    }

    private static async ValueTask<IResult> UnsubscribeAsync(HttpContext context, BackOfficeRequest request, CancellationToken cancellationToken)
    {
        if (!Enabled(context.RequestServices))
        {
            return PushOff();
        }

        if (request.RecipientId is not { } recipient)
        {
            return NoRecipient();
        }

        var (subscription, refusal) = await ReadAsync(context, request.Organization, recipient, cancellationToken, keysRequired: false).ConfigureAwait(false);
        if (subscription is null)
        {
            return refusal!;
        }

        // Only the user's own subscription: the store matches endpoint, organization and recipient in one removal, so an
        // endpoint someone else holds stays (and the answer does not tell whether it exists).
        await context.RequestServices.GetRequiredService<IPushSubscriptionStore>()
            .RemoveAsync(request.Organization, recipient, subscription.Endpoint, cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    /// <summary>
    /// Reads and checks the browser's subscription JSON: an https <c>endpoint</c>, <c>keys.p256dh</c> an uncompressed
    /// P-256 point (65 bytes) and <c>keys.auth</c> 16 bytes, both base64url. A body past <see cref="MaxBody"/> is not
    /// read further (413); any other refusal (400) names the member and the fix. The content type is checked before, by
    /// <see cref="BackOfficePages.ApiAsync"/>.
    /// </summary>
    private static async ValueTask<(PushSubscription? Subscription, IResult? Refusal)> ReadAsync(
        HttpContext context, string organization, string recipient, CancellationToken cancellationToken, bool keysRequired = true)
    {
        if (context.Request.ContentLength > MaxBody || await ReadBodyAsync(context.Request.Body, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return (null, Results.Problem(
                $"The request body is larger than {MaxBody} bytes; a browser's subscription is far smaller. Send PushSubscription.toJSON() only.",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Push subscription too large"));
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var (subscription, error) = Check(json.RootElement, organization, recipient, keysRequired);
            return (subscription, error is null ? null : Invalid(error));
        }
        catch (JsonException)
        {
            return (null, Invalid("The subscription is not JSON: send the browser's PushSubscription.toJSON()."));
        }
    }

    /// <summary>The body, read up to <see cref="MaxBody"/> bytes; <see langword="null"/> as soon as it is longer (the rest is not read).</summary>
    private static async ValueTask<ReadOnlyMemory<byte>?> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBody + 1];
        var length = 0;
        int read;
        try
        {
            while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own limit, set to the same size by BackOfficePages.ApiAsync, stopped the body first.
            return null;
        }

        // Not a conditional expression: null would become an empty Memory<byte> through its conversion from byte[].
        if (length > MaxBody)
        {
            return null;
        }

        return buffer.AsMemory(0, length);
    }

    private static IResult Invalid(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid push subscription");

    private static (PushSubscription? Subscription, string? Error) Check(JsonElement root, string organization, string recipient, bool keysRequired = true)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "The subscription must be a JSON object with endpoint and keys (PushSubscription.toJSON()).");
        }

        if (!root.TryGetProperty("endpoint", out var endpointValue) || endpointValue.ValueKind != JsonValueKind.String
            || endpointValue.GetString() is not { Length: > 0 and <= MaxEndpoint } endpointText
            || !Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            return (null, $"endpoint must be the push service's https URL (at most {MaxEndpoint} characters), as PushSubscription.endpoint gives it.");
        }

        if (!keysRequired)
        {
            return (new PushSubscription(organization, recipient, endpoint, "", ""), null);
        }

        var keys = root.TryGetProperty("keys", out var k) && k.ValueKind == JsonValueKind.Object ? k : default;
        if (Key(keys, "p256dh") is not { } p256dh || Decode(p256dh) is not { Length: 65 } point || point[0] != 4)
        {
            return (null, "keys.p256dh must be the browser's P-256 public key: 65 bytes, base64url (PushSubscription.toJSON().keys.p256dh).");
        }

        if (Key(keys, "auth") is not { } auth || Decode(auth) is not { Length: 16 })
        {
            return (null, "keys.auth must be the browser's authentication secret: 16 bytes, base64url (PushSubscription.toJSON().keys.auth).");
        }

        return (new PushSubscription(organization, recipient, endpoint, p256dh.TrimEnd('='), auth.TrimEnd('=')), null);
    }

    private static string? Key(JsonElement keys, string name) =>
        keys.ValueKind == JsonValueKind.Object && keys.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static byte[]? Decode(string text)
    {
        var trimmed = text.TrimEnd('=');
        if (trimmed.Length == 0 || trimmed.Length > 200 || !Base64Url.IsValid(trimmed))
        {
            return null;
        }

        return Base64Url.DecodeFromChars(trimmed);
    }

    private static IResult PushOff() =>
        Results.Problem("Push is not set up in this back office: the host registers it with AddWebPushNotifier(...).", statusCode: StatusCodes.Status404NotFound, title: "Push is off");

    private static IResult NoRecipient() =>
        Results.Problem("Your sign-in carries no recipient id (BackOfficeOptions.RecipientClaimType), so notifications cannot be addressed to you.", statusCode: StatusCodes.Status403Forbidden, title: "No recipient");
}
