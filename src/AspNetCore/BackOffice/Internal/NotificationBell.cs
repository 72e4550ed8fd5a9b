using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Notifications.Engine;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>
/// The header's bell: the signed-in user's unread count in the organization the page shows, read through
/// <see cref="INotificationInbox"/> (issue 14's in-app inbox) when the host added the notification engine.
/// </summary>
internal static class NotificationBell
{
    /// <summary>The recipient id of the signed-in user: the value of <see cref="BackOfficeOptions.RecipientClaimType"/>, or <see langword="null"/>.</summary>
    public static string? RecipientOf(HttpContext context, BackOfficeOptions options) =>
        context.User.FindFirst(options.RecipientClaimType)?.Value is { Length: > 0 } id ? id : null;

    /// <summary>Sets the request's recipient id and unread count, after the organization check passed.</summary>
    public static async ValueTask LoadAsync(HttpContext context, BackOfficeRequest request)
    {
        request.RecipientId = RecipientOf(context, request.Options);
        if (request.RecipientId is { } recipient
            && request.Scope is { } scope
            && context.RequestServices.GetService<INotificationInbox>() is { } inbox)
        {
            request.UnreadNotifications = await inbox.CountUnreadAsync(scope.Organization, recipient, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
