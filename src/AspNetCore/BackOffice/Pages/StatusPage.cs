using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;
using PosFleet.AspNetCore.BackOffice.Internal;
using PosFleet.Status;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>
/// Seed 004's POS status page over <see cref="IStatusBoard"/>: the board's filters, order and keyset pages, red /
/// yellow / grey / green rows, and per terminal Retrieve logs, Reset database (after a confirmation page) and queue
/// an action through <see cref="IRemoteActionQueue"/>; "Excel" is <see cref="IStatusBoard.ExportXlsxAsync"/> with the
/// same form. Without <c>?org=</c> the board shows every organization of the user, as the seed's page does by default.
/// </summary>
internal static class StatusPage
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/status", context => BackOfficePages.RenderAsync(context, (request, ct) => BoardAsync(context, request, ct))).WithDisplayName("PosFleet back office: status board");
        group.MapGet("/status/export", ExportAsync).WithDisplayName("PosFleet back office: status board as Excel");
        group.MapPost("/status/retrieve-logs", context => BackOfficePages.PostAsync(context, (request, form, ct) => RetrieveLogsAsync(context, request, form, ct))).WithDisplayName("PosFleet back office: retrieve logs");
        group.MapPost("/status/reset", context => BackOfficePages.PostAsync(context, (request, form, ct) => ResetAsync(context, request, form, ct))).WithDisplayName("PosFleet back office: reset a terminal's database");
        group.MapPost("/status/action", context => BackOfficePages.PostAsync(context, (request, form, ct) => QueueActionAsync(context, request, form, ct))).WithDisplayName("PosFleet back office: queue an action");
    }

    /// <summary>The viewer's organizations for the board: the one named by <c>?org=</c> (already checked), else all of theirs.</summary>
    private static StatusBoardAccess Access(HttpContext context, BackOfficeRequest request) =>
        StatusBoardAccess.To(string.IsNullOrEmpty(context.Request.Query["org"]) ? request.Scope!.Organizations : [request.Organization]);

    private static async ValueTask<BackOfficeView> BoardAsync(HttpContext context, BackOfficeRequest request, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var form = StatusBoardForm.Read(context.Request.Query);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var page = await services.GetRequiredService<IStatusBoard>().QueryAsync(Access(context, request), form.ToQuery(now), cancellationToken).ConfigureAwait(false);
        var words = PageStrings.For(request.Culture);
        return new BackOfficeView(words["StatusTitle"], "status", html =>
        {
            StatusPageHtml.Filters(html, request, words, form);
            StatusPageHtml.Rows(html, request, words, form, page, now);
        });
    }

    private static async Task ExportAsync(HttpContext context)
    {
        var organization = context.Request.Query["org"].ToString();
        var scope = await PageParts.AuthorizeDownloadAsync(context, organization).ConfigureAwait(false);
        if (scope is null)
        {
            return;
        }

        var access = StatusBoardAccess.To(organization.Length == 0 ? scope.Organizations : [organization]);
        var services = context.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var query = StatusBoardForm.Read(context.Request.Query).ToQuery(now) with { After = null };
        context.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        context.Response.Headers.ContentDisposition = string.Create(CultureInfo.InvariantCulture, $"attachment; filename=\"status-board-{now.UtcDateTime:yyyyMMdd-HHmm}.xlsx\"");
        await services.GetRequiredService<IStatusBoard>().ExportXlsxAsync(access, query, context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static ValueTask<IResult> RetrieveLogsAsync(HttpContext context, BackOfficeRequest request, IFormCollection form, CancellationToken cancellationToken)
    {
        var words = PageStrings.For(request.Culture);
        var from = ReadLocal(request, form["from"]);
        var to = ReadLocal(request, form["to"]);
        if (from is null || to is null || from >= to
            || !int.TryParse(form["maxMb"], NumberStyles.None, CultureInfo.InvariantCulture, out var megabytes) || megabytes is < 1 or > 1024)
        {
            return ValueTask.FromResult(PageParts.Problem(request, StatusCodes.Status400BadRequest, words["RetrieveLogs"], words["RetrieveLogsInvalid"]));
        }

        var parameters = new Dictionary<string, string>
        {
            ["from"] = from.Value.ToString("O", CultureInfo.InvariantCulture),
            ["to"] = to.Value.ToString("O", CultureInfo.InvariantCulture),
            ["max-bytes"] = (megabytes * 1024L * 1024L).ToString(CultureInfo.InvariantCulture),
        };
        return QueueAsync(context, request, form["terminal"].ToString(), RemoteActionNames.RetrieveLogs, parameters, cancellationToken);
    }

    /// <summary>Reset database destroys the terminal's local data: the first POST shows what it does and asks; only a POST with <c>confirm=yes</c> queues it.</summary>
    private static ValueTask<IResult> ResetAsync(HttpContext context, BackOfficeRequest request, IFormCollection form, CancellationToken cancellationToken)
    {
        var terminal = form["terminal"].ToString();
        if (form["confirm"] == "yes")
        {
            return QueueAsync(context, request, terminal, RemoteActionNames.ResetDatabase, [], cancellationToken);
        }

        request.Antiforgery = context.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().GetAndStoreTokens(context);
        var words = PageStrings.For(request.Culture);
        return ValueTask.FromResult(BackOfficePages.Page(request, new BackOfficeView(words["ResetTitle"], "status", html => StatusPageHtml.ConfirmReset(html, request, words, terminal))));
    }

    private static ValueTask<IResult> QueueActionAsync(HttpContext context, BackOfficeRequest request, IFormCollection form, CancellationToken cancellationToken)
    {
        var name = form["name"].ToString();
        if (!ActionsPage.Queueable.Contains(name))
        {
            var words = PageStrings.For(request.Culture);
            return ValueTask.FromResult(PageParts.Problem(request, StatusCodes.Status400BadRequest, words["QueueAction"], words["ActionUnknown"]));
        }

        return QueueAsync(context, request, form["terminal"].ToString(), name, [], cancellationToken);
    }

    /// <summary>Queues for one terminal of the form's organization, then shows the terminal's actions (post/redirect/get), where the new one is pending.</summary>
    private static async ValueTask<IResult> QueueAsync(HttpContext context, BackOfficeRequest request, string terminal, string name, Dictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var words = PageStrings.For(request.Culture);
        if (terminal.Length is 0 or > 200)
        {
            return PageParts.Problem(request, StatusCodes.Status400BadRequest, words["QueueAction"], words["TerminalRequired"]);
        }

        var queue = context.RequestServices.GetRequiredService<IRemoteActionQueue>();
        try
        {
            await queue.QueueAsync(new RemoteActionRequest { Organization = request.Organization, TerminalId = terminal, Name = name, Parameters = parameters }, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            return PageParts.Problem(request, StatusCodes.Status400BadRequest, words["QueueAction"], words.Format("NotEnrolled", terminal));
        }

        return Results.Redirect(request.Link("actions", ("terminal", terminal)));
    }

    /// <summary>A <c>datetime-local</c> value, read in the back office's time zone (the page names it beside the field).</summary>
    private static DateTimeOffset? ReadLocal(BackOfficeRequest request, string? value)
    {
        if (!DateTime.TryParseExact(value, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, request.TimeZone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}
