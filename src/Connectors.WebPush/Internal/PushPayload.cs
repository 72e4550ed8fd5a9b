using System.Buffers;
using System.Text;
using System.Text.Json;
using PosFleet.Notifications;

namespace PosFleet.Connectors.WebPush.Internal;

/// <summary>
/// The JSON a service worker receives in its <c>push</c> event: <c>{"title", "body", "link", "tag"}</c>. The body is
/// the message's text, shortened so that the encrypted record stays under the 4 KB push services accept.
/// </summary>
internal static class PushPayload
{
    /// <summary>The <see cref="NotificationMessage.Headers"/> entry holding the link to the item (see <see cref="NotificationChannel.Push"/>).</summary>
    public const string LinkHeader = "link";

    private const int MaxBody = 1000;

    public static string Create(NotificationMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("title", message.Subject);
            json.WriteString("body", message.Text.Length <= MaxBody ? message.Text : string.Concat(message.Text.AsSpan(0, MaxBody - 1), "…"));
            if (Link(message) is { } link)
            {
                json.WriteString("link", link);
            }

            json.WriteString("tag", message.IdempotencyKey);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? Link(NotificationMessage message)
    {
        foreach (var (name, value) in message.Headers)
        {
            // Only an http or https address opens from the notification; anything else is left out.
            if (string.Equals(name, LinkHeader, StringComparison.OrdinalIgnoreCase)
                && Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                return value;
            }
        }

        return null;
    }
}
