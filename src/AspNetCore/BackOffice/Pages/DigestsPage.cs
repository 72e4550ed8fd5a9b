using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.AspNetCore.BackOffice.Internal;
using PosFleet.Digests;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>
/// Seed 000's "Error Follow Up" integration over <see cref="IDigestStore"/> and <see cref="IDigestRunner"/>, as
/// <c>posfleet digest</c> uses them: the organization's subscriptions, the subscription form with its validation
/// messages, "discover and receive mail" (the on-demand audit, optionally as a test) and the run history with the
/// delivery to each recipient. A subscription belongs to its organization; one without (every organization's errors)
/// is the back office operator's and shows on no user's page.
/// </summary>
internal static class DigestsPage
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/digests", context => BackOfficePages.RenderAsync(context, (request, ct) => ShowAsync(context, request, ct))).WithDisplayName("PosFleet back office: digests");
        group.MapPost("/digests/save", context => BackOfficePages.PostAsync(context, (request, form, ct) => SaveAsync(context, request, form, ct))).WithDisplayName("PosFleet back office: save a digest subscription");
        group.MapPost("/digests/run", context => BackOfficePages.PostAsync(context, (request, form, ct) => RunAsync(context, request, form, ct))).WithDisplayName("PosFleet back office: discover and receive mail");
    }

    private static async ValueTask<BackOfficeView> ShowAsync(HttpContext context, BackOfficeRequest request, CancellationToken cancellationToken)
    {
        var store = context.RequestServices.GetRequiredService<IDigestStore>();
        var id = context.Request.Query["id"].ToString();
        DigestSubscription? selected = null;
        if (id.Length > 0)
        {
            selected = await store.GetSubscriptionAsync(id, cancellationToken).ConfigureAwait(false);
            if (selected?.Organization != request.Organization)
            {
                return PageParts.View(request, StatusCodes.Status403Forbidden, request.Strings.Forbidden, request.Strings.ForbiddenDetail);
            }
        }

        var form = selected is null ? new DigestsSubscriptionForm { Organization = request.Organization } : DigestsSubscriptionForm.From(selected);
        return await ViewAsync(context, request, form, selected, [], StatusCodes.Status200OK, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<IResult> SaveAsync(HttpContext context, BackOfficeRequest request, IFormCollection posted, CancellationToken cancellationToken)
    {
        var store = context.RequestServices.GetRequiredService<IDigestStore>();
        var form = DigestsSubscriptionForm.Read(posted) with { Organization = request.Organization };
        DigestSubscription? existing = null;
        if (form.Id is { } id)
        {
            // Saving over an id replaces that subscription: only one of the form's (checked) organization may be replaced.
            existing = await store.GetSubscriptionAsync(id, cancellationToken).ConfigureAwait(false);
            if (existing?.Organization != request.Organization)
            {
                return PageParts.Forbidden(request);
            }
        }

        var (subscription, problems) = form.ToSubscription(request.Scope!.Organizations);
        if (subscription is null)
        {
            request.Antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
            return BackOfficePages.Page(request, await ViewAsync(context, request, form, existing, problems, StatusCodes.Status400BadRequest, cancellationToken).ConfigureAwait(false));
        }

        await store.SaveSubscriptionAsync(subscription, cancellationToken).ConfigureAwait(false);
        return Results.Redirect(request.Link("digests", ("id", subscription.Id), ("saved", "1")));
    }

    private static async ValueTask<IResult> RunAsync(HttpContext context, BackOfficeRequest request, IFormCollection posted, CancellationToken cancellationToken)
    {
        var id = posted["id"].ToString();
        var store = context.RequestServices.GetRequiredService<IDigestStore>();
        var subscription = id.Length == 0 ? null : await store.GetSubscriptionAsync(id, cancellationToken).ConfigureAwait(false);
        if (subscription is null || subscription.Organization != request.Organization)
        {
            return PageParts.Forbidden(request);
        }

        var runner = context.RequestServices.GetRequiredService<IDigestRunner>();
        var result = await runner.AuditAsync(subscription.Id, posted["test"].Any(v => v is "on" or "true"), cancellationToken).ConfigureAwait(false);
        return Results.Redirect(request.Link("digests", ("id", subscription.Id), ("ran", result.Outcome.ToString())));
    }

    private static async ValueTask<BackOfficeView> ViewAsync(
        HttpContext context, BackOfficeRequest request, DigestsSubscriptionForm form, DigestSubscription? selected, IReadOnlyList<FormProblem> problems, int statusCode, CancellationToken cancellationToken)
    {
        var store = context.RequestServices.GetRequiredService<IDigestStore>();
        var subscriptions = (await store.GetSubscriptionsAsync(cancellationToken).ConfigureAwait(false)).Where(s => s.Organization == request.Organization).ToList();
        var runs = selected is null
            ? []
            : await store.QueryRunsAsync(new DigestRunQuery { SubscriptionId = selected.Id, Limit = 30 }, cancellationToken).ConfigureAwait(false);
        var words = PageStrings.For(request.Culture);
        var query = context.Request.Query;
        return new BackOfficeView(words["DigestsTitle"], "digests", html =>
        {
            DigestsPageHtml.Notice(html, words, query);
            DigestsPageHtml.List(html, request, words, subscriptions, selected?.Id);
            DigestsPageHtml.Form(html, request, words, form, problems);
            if (selected is not null)
            {
                DigestsPageHtml.RunNow(html, request, words, selected);
                DigestsPageHtml.History(html, request, words, runs);
            }
        }, statusCode);
    }
}
