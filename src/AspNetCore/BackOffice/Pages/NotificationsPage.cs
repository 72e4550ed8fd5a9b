using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.AspNetCore.BackOffice.Internal;
using PosFleet.Notifications.Engine;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>
/// The bell's page over <see cref="INotificationInbox"/> (issue 14's in-app inbox): the signed-in user's notifications in
/// the organization shown, newest first one keyset page at a time, each linking to its item; mark one or all read with
/// plain HTML posts (anti-forgery, post/redirect/get). The inbox is keyed by (organization, recipient), so a user reads
/// and marks only their own entries in an organization the foundation's check let them see.
/// </summary>
internal static class NotificationsPage
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/notifications", context => BackOfficePages.RenderAsync(context, (request, ct) => ListAsync(context, request, ct))).WithDisplayName("PosFleet back office: notifications");
        group.MapPost("/notifications/read", context => BackOfficePages.PostAsync(context, (request, form, ct) => MarkReadAsync(context, request, form, all: false, ct))).WithDisplayName("PosFleet back office: mark a notification read");
        group.MapPost("/notifications/read-all", context => BackOfficePages.PostAsync(context, (request, form, ct) => MarkReadAsync(context, request, form, all: true, ct))).WithDisplayName("PosFleet back office: mark every notification read");
    }

    private static async ValueTask<BackOfficeView> ListAsync(HttpContext context, BackOfficeRequest request, CancellationToken cancellationToken)
    {
        var words = PageStrings.For(request.Culture);
        var inbox = context.RequestServices.GetService<INotificationInbox>();
        if (inbox is null || request.RecipientId is not { } recipient)
        {
            var message = words[inbox is null ? "NotificationsOff" : "NoRecipient"];
            return new BackOfficeView(words["NotificationsTitle"], "notifications", html => html.Write($"""<p class="pf-empty" id="inbox-off">{message}</p>"""));
        }

        var before = Cursor(context.Request.Query["before"]);
        var page = await inbox.ListAsync(
            new NotificationInboxQuery { OrganizationId = request.Organization, RecipientId = recipient, Before = before, Limit = request.Options.PageSize },
            cancellationToken).ConfigureAwait(false);
        var push = PushSubscriptionEndpoints.Enabled(context.RequestServices);
        var administrator = context.RequestServices.GetService<INotificationDeliveries>() is not null
            && await NotificationDeliveriesPage.IsAdministratorAsync(context, request, cancellationToken).ConfigureAwait(false);
        return new BackOfficeView(words["NotificationsTitle"], "notifications", html =>
        {
            if (administrator)
            {
                html.Write($"""<p><a href="{request.Link("notifications/deliveries")}" id="deliveries-link">{words["DeliveriesLink"]}</a></p>""");
            }

            if (push)
            {
                WritePush(html, request, words);
            }

            Write(html, request, words, page, before);
        }, PushScript: push);
    }

    /// <summary>
    /// The "Enable notifications" and "Turn off notifications" buttons, hidden until the push script finds the browser
    /// able to subscribe (and shows the one that applies): without script the page reads as before. The script takes
    /// its addresses, texts and the anti-forgery token from the buttons' paragraph.
    /// </summary>
    private static void WritePush(Html html, BackOfficeRequest request, PageStrings.PageWords words)
    {
        var token = request.Antiforgery?.RequestToken ?? "";
        html.Write($"""<p class="pf-push" id="push" data-key="{request.Link("notifications/push/key")}" data-subscribe="{request.Link("notifications/push/subscribe")}" data-unsubscribe="{request.Link("notifications/push/unsubscribe")}" data-worker="{request.BasePath}/push-sw.js" data-token="{token}" data-enabled="{words["PushEnabled"]}" data-denied="{words["PushDenied"]}" data-failed="{words["PushFailed"]}" data-disabled="{words["PushDisabled"]}" data-disable-failed="{words["PushDisableFailed"]}">""");
        html.Write($"""<button type="button" class="pf-button" id="push-enable" hidden>{words["PushEnable"]}</button> <button type="button" class="pf-button" id="push-disable" hidden>{words["PushDisable"]}</button> <span id="push-status" role="status"></span></p>""");
        html.Write($"""<script src="{request.BasePath}/push.js" defer></script>""");
    }

    private static void Write(Html html, BackOfficeRequest request, PageStrings.PageWords words, NotificationInboxPage page, long? before)
    {
        var cursor = before?.ToString(CultureInfo.InvariantCulture);
        if (request.UnreadNotifications > 0)
        {
            html.Write($"""<form method="post" action="{request.BasePath}/notifications/read-all" class="read-all">{request.FormFields()}<input type="hidden" name="before" value="{cursor}">""");
            html.Write($"""<button type="submit" class="pf-button" id="read-all">{words["MarkAllRead"]}</button></form>""");
        }

        if (page.Entries.Count == 0)
        {
            html.Write($"""<p class="pf-empty" id="inbox-empty">{words["NoNotifications"]}</p>""");
        }
        else
        {
            html.Write($"""<ol class="pf-inbox" id="inbox">""");
            foreach (var entry in page.Entries)
            {
                var unread = entry.ReadAt is null;
                html.Write($"""<li class="pf-card pf-inbox-entry{Html.If(unread, " pf-unread")}" data-entry="{entry.Id}" data-read="{(unread ? "false" : "true")}"><div class="pf-inbox-head">""");
                if (SafeLink(entry.Link) is { } link)
                {
                    html.Write($"""<a class="pf-inbox-subject" href="{link}">{entry.Subject}</a>""");
                }
                else
                {
                    html.Write($"""<strong class="pf-inbox-subject">{entry.Subject}</strong>""");
                }

                html.Write($""" <time datetime="{entry.CreatedAt.ToString("O", CultureInfo.InvariantCulture)}">{request.Time(entry.CreatedAt)}</time>""");
                if (unread)
                {
                    html.Write($""" <span class="pf-badge pf-alert">{words["UnreadBadge"]}</span>""");
                }

                html.Write($"""</div><p class="pf-message">{entry.Text}</p>""");
                if (unread)
                {
                    html.Write($"""<form method="post" action="{request.BasePath}/notifications/read" class="read">{request.FormFields()}<input type="hidden" name="id" value="{entry.Id}"><input type="hidden" name="before" value="{cursor}">""");
                    html.Write($"""<button type="submit" class="pf-button">{words["MarkRead"]}</button></form>""");
                }

                html.Write($"</li>");
            }

            html.Write($"</ol>");
        }

        html.Write($"""<nav class="pf-pager">""");
        if (before is not null)
        {
            html.Write($"""<a class="pf-first" href="{request.Link("notifications")}">{words["NewestNotifications"]}</a> """);
        }

        if (page.NextBefore is { } next)
        {
            html.Write($"""<a class="pf-next" rel="next" href="{request.Link("notifications", ("before", next.ToString(CultureInfo.InvariantCulture)))}">{words["OlderNotifications"]}</a>""");
        }

        html.Write($"</nav>");
    }

    private static async ValueTask<IResult> MarkReadAsync(HttpContext context, BackOfficeRequest request, IFormCollection form, bool all, CancellationToken cancellationToken)
    {
        var inbox = context.RequestServices.GetService<INotificationInbox>();
        if (inbox is null || request.RecipientId is not { } recipient)
        {
            return PageParts.Forbidden(request);
        }

        if (all)
        {
            await inbox.MarkAllReadAsync(request.Organization, recipient, cancellationToken).ConfigureAwait(false);
        }
        else if (long.TryParse(form["id"], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            // Keyed by (organization, recipient): an id of someone else's entry marks nothing.
            await inbox.MarkReadAsync(request.Organization, recipient, id, cancellationToken).ConfigureAwait(false);
        }

        return Results.Redirect(request.Link("notifications", ("before", Cursor(form["before"])?.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>
    /// The item's link as the page may write it: an absolute http(s) address, or a relative one that stays on this site
    /// (not <c>//host</c>, no scheme, no spaces or control characters); anything else (<c>javascript:</c>, <c>data:</c> …)
    /// is not linked. The result is HTML-encoded when written.
    /// </summary>
    internal static string? SafeLink(Uri? link)
    {
        if (link is null)
        {
            return null;
        }

        if (link.IsAbsoluteUri)
        {
            return link.Scheme == Uri.UriSchemeHttp || link.Scheme == Uri.UriSchemeHttps ? link.AbsoluteUri : null;
        }

        var text = link.OriginalString;
        var end = text.IndexOfAny(['/', '?', '#']);
        var head = end < 0 ? text : text[..end];
        return text.Length == 0
            || text.StartsWith("//", StringComparison.Ordinal)
            || text.Contains('\\', StringComparison.Ordinal)
            || head.Contains(':', StringComparison.Ordinal)
            || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? null
            : text;
    }

    private static long? Cursor(Microsoft.Extensions.Primitives.StringValues value) =>
        long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var before) && before > 0 ? before : null;
}
