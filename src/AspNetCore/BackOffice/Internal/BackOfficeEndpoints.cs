using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>
/// The back office's pages and forms, one line each. Handlers are <see cref="RequestDelegate"/>s (no reflection over
/// parameters), so the package stays trimming- and native-AOT-compatible.
/// </summary>
internal static class BackOfficeEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", context => BackOfficePages.RenderAsync(context, DashboardPage.LoadAsync))
            .WithDisplayName("PosFleet back office: dashboard");
        group.MapGet("/reports", context => BackOfficePages.RenderAsync(context, ReportsPage.LoadAsync))
            .WithDisplayName("PosFleet back office: reports");
        group.MapPost("/language", LanguageForm.PostAsync)
            .WithDisplayName("PosFleet back office: language");
        Pages.StatusPage.Map(group);
        Pages.SyncErrorsPage.Map(group);
        Pages.ActionsPage.Map(group);
        Pages.DigestsPage.Map(group);
        Pages.NotificationsPage.Map(group);
        Pages.NotificationDeliveriesPage.Map(group);
        Pages.PushSubscriptionEndpoints.Map(group);
    }
}
