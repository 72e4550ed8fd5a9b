using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.AspNetCore.BackOffice.Internal;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;
using Words = PosFleet.AspNetCore.BackOffice.Pages.PageStrings.PageWords;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>
/// The delivery status of the organization's notifications (<c>/notifications/deliveries</c>, issue 14: "a failed
/// delivery is retried with back-off and its status is visible"), linked from the bell's page: pending, sent and failed
/// deliveries with their attempts, next attempt and last error, and the recipients skipped with their reason, newest
/// first in the store's keyset pages, filtered by status. For the organization's administrators only: the signed-in
/// user's recipient id must be one of the administrators the host's <see cref="INotificationDirectory"/> reports for
/// the organization, with a login and a profile (seed 002's admin profile); everyone else is answered 403.
/// </summary>
internal static class NotificationDeliveriesPage
{
    private static readonly NotificationStatus[] Statuses = Enum.GetValues<NotificationStatus>();

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/notifications/deliveries", context => BackOfficePages.RenderAsync(context, (request, ct) => LoadAsync(context, request, ct)))
            .WithDisplayName("PosFleet back office: notification deliveries");

    /// <summary>
    /// Whether the signed-in user administers the organization shown: their recipient id is among the directory's
    /// administrators of it, with a login and a profile. Without a directory or a recipient id, nobody does.
    /// </summary>
    public static async ValueTask<bool> IsAdministratorAsync(HttpContext context, BackOfficeRequest request, CancellationToken cancellationToken)
    {
        if (request.RecipientId is not { } recipient
            || request.Scope is null
            || context.RequestServices.GetService<INotificationDirectory>() is not { } directory)
        {
            return false;
        }

        var administrators = await directory.GetAdministratorsAsync(request.Organization, cancellationToken).ConfigureAwait(false);
        return administrators.Any(a => a.HasLogin && a.HasProfile && string.Equals(a.Id, recipient, StringComparison.Ordinal));
    }

    private static async ValueTask<BackOfficeView> LoadAsync(HttpContext context, BackOfficeRequest request, CancellationToken cancellationToken)
    {
        var words = PageStrings.For(request.Culture);
        var deliveries = context.RequestServices.GetService<INotificationDeliveries>();
        if (deliveries is null)
        {
            return new BackOfficeView(words["DeliveriesTitle"], "notifications", html => html.Write($"""<p class="pf-empty" id="deliveries-off">{words["NotificationsOff"]}</p>"""));
        }

        if (!await IsAdministratorAsync(context, request, cancellationToken).ConfigureAwait(false))
        {
            return PageParts.View(request, StatusCodes.Status403Forbidden, request.Strings.Forbidden, words["DeliveriesAdministratorsOnly"]);
        }

        // An unknown status is ignored (every status listed), as the board ignores a bad period; a bad cursor is the
        // store's ArgumentException, which the foundation answers 400.
        var status = Enum.TryParse<NotificationStatus>(context.Request.Query["status"].ToString(), ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : (NotificationStatus?)null;
        var after = context.Request.Query["after"].ToString() is { Length: > 0 } a ? a : null;
        var page = await deliveries.QueryAsync(
            request.Organization,
            new NotificationDeliveryQuery { Status = status, After = after, Limit = Math.Clamp(request.Options.PageSize, 1, 500) },
            cancellationToken).ConfigureAwait(false);
        return new BackOfficeView(words["DeliveriesTitle"], "notifications", html => Write(html, request, words, status, after, page));
    }

    private static void Write(Html html, BackOfficeRequest request, Words words, NotificationStatus? status, string? after, NotificationDeliveryPage page)
    {
        html.Write($"""<p><a href="{request.Link("notifications")}" id="back-to-inbox">{words["BackToInbox"]}</a></p>""");
        html.Write($"""<form method="get" action="{request.BasePath}/notifications/deliveries" class="pf-filters" id="delivery-filters"><input type="hidden" name="org" value="{request.Organization}">""");
        html.Write($"""<label>{words["Run_State"]} <select name="status" id="delivery-status"><option value="">{words["AllStatuses"]}</option>""");
        foreach (var option in Statuses)
        {
            html.Write($"""<option value="{option.ToString()}"{PageParts.If(option == status, "selected")}>{words["Delivery_" + option]}</option>""");
        }

        html.Write($"""</select></label><button type="submit">{words["SearchButton"]}</button></form>""");
        if (page.Records.Count == 0)
        {
            html.Write($"""<p class="pf-empty" id="deliveries-empty">{words["NoDeliveries"]}</p>""");
        }
        else
        {
            html.Write($"""<div class="pf-table-wrap"><table class="pf-table" id="deliveries"><thead><tr>""");
            foreach (var column in (ReadOnlySpan<string>)["Col_At", "Col_Item", "Col_Recipient", "Col_Channel", "Run_State", "Col_Attempts", "Col_NextAttempt", "Col_Detail"])
            {
                html.Write($"""<th scope="col">{words[column]}</th>""");
            }

            html.Write($"</tr></thead><tbody>");
            foreach (var record in page.Records)
            {
                WriteRow(html, request, words, record);
            }

            html.Write($"</tbody></table></div>");
        }

        html.Write($"""<nav class="pf-pager">""");
        var statusValue = status?.ToString();
        if (after is not null)
        {
            html.Write($"""<a class="pf-first" href="{request.Link("notifications/deliveries", ("status", statusValue))}">{words["NewestNotifications"]}</a> """);
        }

        if (page.Next is { } next)
        {
            html.Write($"""<a class="pf-next" rel="next" id="deliveries-next" href="{request.Link("notifications/deliveries", ("status", statusValue), ("after", next))}">{words["OlderNotifications"]}</a>""");
        }

        html.Write($"</nav>");
    }

    private static void WriteRow(Html html, BackOfficeRequest request, Words words, NotificationDeliveryRecord record)
    {
        var (kind, item, recipient, channel) = record.Delivery is { } d ? (d.ItemKind, d.ItemId, d.RecipientId, d.Channel.ToString())
            : record.Skip is { } k ? (k.ItemKind, k.ItemId, k.RecipientId, k.Channel.ToString())
            : ("", "", "", "");
        html.Write($"""<tr data-key="{record.Key}" data-status="{record.Status.ToString()}"><td>{When(request, record.At)}</td><td>{kind} {item}</td><td>{recipient}</td><td>{channel}</td>""");
        html.Write($"""<td><span class="pf-badge{PageParts.If(record.Status is NotificationStatus.Failed or NotificationStatus.Skipped, "pf-alert")}">{words["Delivery_" + record.Status]}</span></td>""");
        if (record.Delivery is { } delivery)
        {
            var nextAttempt = delivery.State == NotificationDeliveryState.Pending ? When(request, delivery.DueAt) : new Html.HtmlFragment("");
            html.Write($"""<td class="pf-attempts">{request.Count(delivery.Attempts)}</td><td class="pf-next-attempt">{nextAttempt}</td><td class="pf-message">{delivery.LastError}</td>""");
        }
        else
        {
            html.Write($"""<td class="pf-attempts"></td><td class="pf-next-attempt"></td><td class="pf-message">{record.Skip?.Reason}</td>""");
        }

        html.Write($"</tr>");
    }

    private static Html.HtmlFragment When(BackOfficeRequest request, DateTimeOffset at) =>
        new Html(request.Culture).Write($"""<time datetime="{at.ToString("O", CultureInfo.InvariantCulture)}">{request.Time(at, "G")}</time>""").ToFragment();
}
