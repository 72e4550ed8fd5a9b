using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;
using PosFleet.Status;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>
/// Seed 004's POS status page over <see cref="IStatusBoard"/>: the board's filters, order and keyset pages, red /
/// yellow / grey / green rows, and per terminal Retrieve logs, Reset database (after a confirmation page) and queue
/// an action through <see cref="IRemoteActionQueue"/>; "Excel" is <see cref="IStatusBoard.ExportXlsxAsync"/> with the
/// same form.
/// </summary>
internal static class StatusPage
{
    public static void Map(IEndpointRouteBuilder endpoints, string basePath)
    {
        endpoints.MapGet("status", context => Board(context, basePath));
        endpoints.MapGet("status/export", context => Export(context, basePath));
        endpoints.MapPost("status/retrieve-logs", context => RetrieveLogs(context, basePath));
        endpoints.MapPost("status/reset", context => Reset(context, basePath));
        endpoints.MapPost("status/action", context => QueueAction(context, basePath));
    }

    private static async Task Board(HttpContext context, string basePath)
    {
        var (organizations, refusal) = await PageAccess.ResolveAsync(context, basePath).ConfigureAwait(false);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var form = StatusBoardForm.Read(context.Request.Query);
        if (form.Organization is { } organization && !organizations.Contains(organization))
        {
            await PageAccess.NotYours(context, basePath).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var services = context.RequestServices;
        var board = services.GetRequiredService<IStatusBoard>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var access = StatusBoardAccess.To(organizations);
        var page = await board.QueryAsync(access, form.ToQuery(now), context.RequestAborted).ConfigureAwait(false);
        var html = new PageHtml(context, basePath);
        StatusPageHtml.Filters(html, form, organizations);
        StatusPageHtml.Rows(html, form, page, now);
        await html.Page(PageStrings.Get("StatusTitle")).ExecuteAsync(context).ConfigureAwait(false);
    }

    private static async Task Export(HttpContext context, string basePath)
    {
        var (organizations, refusal) = await PageAccess.ResolveAsync(context, basePath).ConfigureAwait(false);
        var form = StatusBoardForm.Read(context.Request.Query);
        if (refusal is null && form.Organization is { } organization && !organizations.Contains(organization))
        {
            refusal = PageAccess.NotYours(context, basePath);
        }

        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var services = context.RequestServices;
        var board = services.GetRequiredService<IStatusBoard>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var query = form.ToQuery(now) with { After = null };
        context.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        context.Response.Headers.ContentDisposition = string.Create(CultureInfo.InvariantCulture, $"attachment; filename=\"status-board-{now.UtcDateTime:yyyyMMdd-HHmm}.xlsx\"");
        await board.ExportXlsxAsync(StatusBoardAccess.To(organizations), query, context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task RetrieveLogs(HttpContext context, string basePath)
    {
        var (organizations, form, refusal) = await PageAccess.ResolvePostAsync(context, basePath).ConfigureAwait(false);
        var (organization, terminal) = (form["org"].ToString(), form["terminal"].ToString());
        if (refusal is null && !organizations.Contains(organization))
        {
            refusal = PageAccess.NotYours(context, basePath);
        }

        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var from = ReadUtc(form["from"]) ?? now.AddDays(-1);
        var to = ReadUtc(form["to"]) ?? now;
        var megabytes = int.TryParse(form["maxMb"], NumberStyles.None, CultureInfo.InvariantCulture, out var mb) ? mb : 10;
        if (from >= to || megabytes is < 1 or > 1024)
        {
            await PageHtml.Refused(context, basePath, StatusCodes.Status400BadRequest, PageStrings.Get("RetrieveLogsInvalid")).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var parameters = new Dictionary<string, string>
        {
            ["from"] = from.ToString("O", CultureInfo.InvariantCulture),
            ["to"] = to.ToString("O", CultureInfo.InvariantCulture),
            ["max-bytes"] = (megabytes * 1024L * 1024L).ToString(CultureInfo.InvariantCulture),
        };
        await QueueAndShowAsync(context, basePath, organization, terminal, RemoteActionNames.RetrieveLogs, parameters).ConfigureAwait(false);
    }

    /// <summary>Reset database destroys the terminal's local data: the first POST shows what it does and asks; only a POST with <c>confirm=yes</c> queues it.</summary>
    private static async Task Reset(HttpContext context, string basePath)
    {
        var (organizations, form, refusal) = await PageAccess.ResolvePostAsync(context, basePath).ConfigureAwait(false);
        var (organization, terminal) = (form["org"].ToString(), form["terminal"].ToString());
        if (refusal is null && !organizations.Contains(organization))
        {
            refusal = PageAccess.NotYours(context, basePath);
        }

        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (form["confirm"] != "yes")
        {
            var html = new PageHtml(context, basePath);
            StatusPageHtml.ConfirmReset(html, organization, terminal);
            await html.Page(PageStrings.Get("ResetTitle")).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await QueueAndShowAsync(context, basePath, organization, terminal, RemoteActionNames.ResetDatabase, new Dictionary<string, string>()).ConfigureAwait(false);
    }

    private static async Task QueueAction(HttpContext context, string basePath)
    {
        var (organizations, form, refusal) = await PageAccess.ResolvePostAsync(context, basePath).ConfigureAwait(false);
        var (organization, terminal, name) = (form["org"].ToString(), form["terminal"].ToString(), form["name"].ToString());
        if (refusal is null && !organizations.Contains(organization))
        {
            refusal = PageAccess.NotYours(context, basePath);
        }

        if (refusal is null && !ActionsPage.Queueable.Contains(name))
        {
            refusal = PageHtml.Refused(context, basePath, StatusCodes.Status400BadRequest, PageStrings.Get("ActionUnknown"));
        }

        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await QueueAndShowAsync(context, basePath, organization, terminal, name, new Dictionary<string, string>()).ConfigureAwait(false);
    }

    /// <summary>Queues for one terminal, then shows the terminal's actions (post/redirect/get), where the new one is pending.</summary>
    private static async Task QueueAndShowAsync(HttpContext context, string basePath, string organization, string terminal, string name, Dictionary<string, string> parameters)
    {
        if (terminal.Length == 0)
        {
            await PageHtml.Refused(context, basePath, StatusCodes.Status400BadRequest, PageStrings.Get("TerminalRequired")).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var queue = context.RequestServices.GetRequiredService<IRemoteActionQueue>();
        try
        {
            await queue.QueueAsync(new RemoteActionRequest { Organization = organization, TerminalId = terminal, Name = name, Parameters = parameters }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            await PageHtml.Refused(context, basePath, StatusCodes.Status400BadRequest, PageStrings.Format("NotEnrolled", terminal)).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var html = new PageHtml(context, basePath);
        context.Response.Redirect(html.Url($"actions{PageHtml.Query(("org", organization), ("terminal", terminal))}"));
    }

    /// <summary>A <c>datetime-local</c> value, read as UTC (the page says so beside the field).</summary>
    private static DateTimeOffset? ReadUtc(string? value) =>
        DateTime.TryParseExact(value, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : null;
}
