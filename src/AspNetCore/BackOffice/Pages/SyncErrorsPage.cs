using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.AspNetCore.BackOffice.Internal;
using PosFleet.Status;
using Words = PosFleet.AspNetCore.BackOffice.Pages.PageStrings.PageWords;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>
/// One terminal's sync error history (<c>/status/errors?org=…&amp;terminal=…</c>), linked from its row of the status
/// board: newest first, in keyset pages, every error shown as text. The organization is checked on the server as for
/// every page (<see cref="BackOfficeAccess"/>), and the board's query reads only the errors recorded for it, so a
/// terminal of another organization shows nothing, whatever the address names.
/// </summary>
internal static class SyncErrorsPage
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/status/errors", context => BackOfficePages.RenderAsync(context, (request, ct) => LoadAsync(context, request, ct)))
            .WithDisplayName("PosFleet back office: a terminal's sync errors");

    private static async ValueTask<BackOfficeView> LoadAsync(HttpContext context, BackOfficeRequest request, CancellationToken cancellationToken)
    {
        var terminal = context.Request.Query["terminal"].ToString();
        var after = context.Request.Query["after"].ToString() is { Length: > 0 } a ? a : null;
        var query = new SyncErrorQuery { TerminalId = terminal, Organization = request.Organization, Limit = Math.Clamp(request.Options.PageSize, 1, 1000), After = after };
        var page = await context.RequestServices.GetRequiredService<IStatusBoard>()
            .GetSyncErrorsAsync(StatusBoardAccess.To([request.Organization]), query, cancellationToken).ConfigureAwait(false);
        var words = PageStrings.For(request.Culture);
        return new BackOfficeView(words.Format("SyncErrorsTitle", terminal), "status", html => Write(html, request, words, terminal, page));
    }

    private static void Write(Html html, BackOfficeRequest request, Words words, string terminal, SyncErrorPage page)
    {
        html.Write($"""<p><a href="{request.Link("status")}" id="back-to-board">{words["BackToBoard"]}</a></p>""");
        if (page.Errors.Count == 0)
        {
            html.Write($"""<p class="pf-empty">{words["NoSyncErrors"]}</p>""");
            return;
        }

        html.Write($"""<div class="pf-table-wrap"><table class="pf-table" id="sync-errors"><thead><tr><th scope="col">{words["Col_Received"]}</th><th scope="col">{words["Col_SyncError"]}</th></tr></thead><tbody>""");
        foreach (var error in page.Errors)
        {
            html.Write($"""<tr><td>{request.Time(error.ReceivedAt, "G")}</td><td class="pf-message">{error.Error}</td></tr>""");
        }

        html.Write($"</tbody></table></div>");
        if (page.Next is { } next)
        {
            html.Write($"""<p class="pf-pager"><a rel="next" id="errors-next" href="{request.Link("status/errors", ("terminal", terminal), ("after", next))}">{words["OlderErrors"]}</a></p>""");
        }
    }
}
