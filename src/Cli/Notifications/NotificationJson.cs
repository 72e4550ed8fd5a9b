using System.Text.Json;
using PosFleet.Notifications.Engine;

namespace PosFleet.Cli.Notifications;

/// <summary>
/// <c>posfleet notifications status --json</c>: the shape of <c>posfleet action list --json</c> (an indented object,
/// camelCase names, instants in ISO 8601, absent values as <c>null</c>, states in lower case), with the next page's cursor.
/// </summary>
internal static class NotificationJson
{
    public static void WritePage(NotificationDeliveryPage page, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteStartArray("records");
        foreach (var r in page.Records)
        {
            var d = r.Delivery;
            var k = r.Skip;
            w.WriteStartObject();
            w.WriteString("key", r.Key);
            w.WriteString("state", r.Status.ToString().ToLowerInvariant());
            w.WriteString("at", r.At);
            w.WriteString("channel", d?.Channel.Name ?? k!.Channel.Name);
            w.WriteString("organization", d?.OrganizationId ?? k!.OrganizationId);
            w.WriteString("recipient", d?.RecipientId ?? k!.RecipientId);
            w.WriteString("itemKind", d?.ItemKind ?? k!.ItemKind);
            w.WriteString("itemId", d?.ItemId ?? k!.ItemId);
            w.WriteString("event", d?.EventId ?? k!.EventId);
            if (d is not null)
            {
                w.WriteNumber("attempts", d.Attempts);
                w.WriteString("dueAt", d.DueAt);
            }
            else
            {
                w.WriteNull("attempts");
                w.WriteNull("dueAt");
            }

            if (d?.CompletedAt is { } completed)
            {
                w.WriteString("completedAt", completed);
            }
            else
            {
                w.WriteNull("completedAt");
            }

            w.WriteString("lastError", d?.LastError);
            w.WriteString("audience", k?.Audience);
            w.WriteString("reason", k?.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("next", page.Next);
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }
}
