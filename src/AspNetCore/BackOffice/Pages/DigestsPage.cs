using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Digests;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>
/// Seed 000's "Error Follow Up" integration over <see cref="IDigestStore"/> and <see cref="IDigestRunner"/>, as
/// <c>posfleet digest</c> uses them: the subscriptions of the user's organizations, the subscription form with its
/// validation messages, "discover and receive mail" (the on-demand audit, optionally as a test) and the run history
/// with the delivery to each recipient.
/// </summary>
internal static class DigestsPage
{
    public static void Map(IEndpointRouteBuilder endpoints, string basePath)
    {
        endpoints.MapGet("digests", context => Show(context, basePath));
        endpoints.MapPost("digests/save", context => Save(context, basePath));
        endpoints.MapPost("digests/run", context => Run(context, basePath));
    }

    private static async Task Show(HttpContext context, string basePath)
    {
        var (organizations, refusal) = await PageAccess.ResolveAsync(context, basePath).ConfigureAwait(false);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var store = context.RequestServices.GetRequiredService<IDigestStore>();
        var id = context.Request.Query["id"].ToString();
        DigestSubscription? selected = null;
        if (id.Length > 0)
        {
            selected = await store.GetSubscriptionAsync(id, context.RequestAborted).ConfigureAwait(false);
            if (selected is null || !Allowed(selected, organizations))
            {
                await PageAccess.NotYours(context, basePath).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
        }

        var form = selected is null ? new DigestsSubscriptionForm { Organization = organizations[0] } : DigestsSubscriptionForm.From(selected);
        await RenderAsync(context, basePath, organizations, form, selected, [], StatusCodes.Status200OK).ConfigureAwait(false);
    }

    private static async Task Save(HttpContext context, string basePath)
    {
        var (organizations, posted, refusal) = await PageAccess.ResolvePostAsync(context, basePath).ConfigureAwait(false);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var store = context.RequestServices.GetRequiredService<IDigestStore>();
        var form = DigestsSubscriptionForm.Read(posted);
        DigestSubscription? existing = null;
        if (form.Id is { } id)
        {
            // Saving over an id replaces that subscription: only one of the user's own organizations may be replaced.
            existing = await store.GetSubscriptionAsync(id, context.RequestAborted).ConfigureAwait(false);
            if (existing is null || !Allowed(existing, organizations))
            {
                await PageAccess.NotYours(context, basePath).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
        }

        var (subscription, problems) = form.ToSubscription(organizations);
        if (subscription is null)
        {
            if (problems.Any(p => p.Key == "OrganizationNotYours"))
            {
                await PageAccess.NotYours(context, basePath).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await RenderAsync(context, basePath, organizations, form, existing, problems, StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        await store.SaveSubscriptionAsync(subscription, context.RequestAborted).ConfigureAwait(false);
        context.Response.Redirect(new PageHtml(context, basePath).Url("digests" + PageHtml.Query(("id", subscription.Id), ("saved", "1"))));
    }

    private static async Task Run(HttpContext context, string basePath)
    {
        var (organizations, posted, refusal) = await PageAccess.ResolvePostAsync(context, basePath).ConfigureAwait(false);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var id = posted["id"].ToString();
        var store = context.RequestServices.GetRequiredService<IDigestStore>();
        var subscription = id.Length == 0 ? null : await store.GetSubscriptionAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (subscription is null || !Allowed(subscription, organizations))
        {
            await PageAccess.NotYours(context, basePath).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var runner = context.RequestServices.GetRequiredService<IDigestRunner>();
        var result = await runner.AuditAsync(subscription.Id, posted["test"].Any(v => v is "on" or "true"), context.RequestAborted).ConfigureAwait(false);
        context.Response.Redirect(new PageHtml(context, basePath).Url("digests" + PageHtml.Query(("id", subscription.Id), ("ran", result.Outcome.ToString()))));
    }

    private static async Task RenderAsync(
        HttpContext context, string basePath, IReadOnlyList<string> organizations, DigestsSubscriptionForm form, DigestSubscription? selected, IReadOnlyList<FormProblem> problems, int statusCode)
    {
        var store = context.RequestServices.GetRequiredService<IDigestStore>();
        var subscriptions = (await store.GetSubscriptionsAsync(context.RequestAborted).ConfigureAwait(false)).Where(s => Allowed(s, organizations)).ToList();
        var runs = selected is null
            ? []
            : await store.QueryRunsAsync(new DigestRunQuery { SubscriptionId = selected.Id, Limit = 30 }, context.RequestAborted).ConfigureAwait(false);
        var html = new PageHtml(context, basePath);
        DigestsPageHtml.Notice(html, context.Request.Query);
        DigestsPageHtml.List(html, subscriptions, selected?.Id);
        DigestsPageHtml.Form(html, form, organizations, problems);
        if (selected is not null)
        {
            DigestsPageHtml.RunNow(html, selected);
            DigestsPageHtml.History(html, runs);
        }

        await html.Page(PageStrings.Get("DigestsTitle"), statusCode).ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>A subscription belongs to its organization; one without (every organization's errors) is the back office operator's, not a user's.</summary>
    private static bool Allowed(DigestSubscription subscription, IReadOnlyList<string> organizations) =>
        subscription.Organization is { } organization && organizations.Contains(organization);
}
