using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>
/// Seeds 001 and 004's actions page over <see cref="IRemoteActionQueue"/>, the queue <c>posfleet action</c> uses: an
/// organization's (or a terminal's) actions pending and done with their results, "add an action" for a terminal or every
/// terminal of the organization, cancel one not yet delivered, and the archives retrieve-logs uploaded.
/// </summary>
internal static class ActionsPage
{
    /// <summary>What a user may queue from a form: the seeds' names and retrieve-logs. Reset database is queued from the board, after its confirmation.</summary>
    public static IReadOnlyList<string> Queueable { get; } = [RemoteActionNames.RetrieveLogs, .. RemoteActionNames.HostImplemented];

    public static void Map(IEndpointRouteBuilder endpoints, string basePath)
    {
        endpoints.MapGet("actions", context => List(context, basePath));
        endpoints.MapGet("actions/archive", context => Archive(context, basePath));
        endpoints.MapPost("actions/add", context => Add(context, basePath));
        endpoints.MapPost("actions/cancel", context => Cancel(context, basePath));
    }

    private static async Task List(HttpContext context, string basePath)
    {
        var (organizations, refusal) = await PageAccess.ResolveAsync(context, basePath).ConfigureAwait(false);
        var request = context.Request.Query;
        var organization = request["org"].ToString() is { Length: > 0 } org ? org : (organizations.Count > 0 ? organizations[0] : "");
        if (refusal is null && !organizations.Contains(organization))
        {
            refusal = PageAccess.NotYours(context, basePath);
        }

        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var terminal = request["terminal"].ToString() is { Length: > 0 and <= 200 } t ? t : null;
        var queue = context.RequestServices.GetRequiredService<IRemoteActionQueue>();
        var pending = await ListAsync(queue, new RemoteActionQuery { Organization = organization, TerminalId = terminal, List = RemoteActionList.Pending, After = Cursor(request["pendingAfter"]) }, context.RequestAborted).ConfigureAwait(false);
        var done = await ListAsync(queue, new RemoteActionQuery { Organization = organization, TerminalId = terminal, List = RemoteActionList.Done, After = Cursor(request["doneAfter"]) }, context.RequestAborted).ConfigureAwait(false);
        var html = new PageHtml(context, basePath);
        ActionsPageHtml.Scope(html, organizations, organization, terminal);
        ActionsPageHtml.AddForm(html, organization, terminal);
        ActionsPageHtml.Table(html, "pending", PageStrings.Get("Pending"), pending, organization, terminal, "pendingAfter");
        ActionsPageHtml.Table(html, "done", PageStrings.Get("Done"), done, organization, terminal, "doneAfter");
        await html.Page(PageStrings.Get("ActionsTitle")).ExecuteAsync(context).ConfigureAwait(false);
    }

    private static async Task<RemoteActionPage> ListAsync(IRemoteActionQueue queue, RemoteActionQuery query, CancellationToken cancellationToken)
    {
        try
        {
            return await queue.ListAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException) when (query.After is not null)
        {
            // A cursor that is not one of ours (edited by hand): the first page rather than an error.
            return await queue.ListAsync(query with { After = null }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task Add(HttpContext context, string basePath)
    {
        var (organizations, form, refusal) = await PageAccess.ResolvePostAsync(context, basePath).ConfigureAwait(false);
        var organization = form["org"].ToString();
        var terminal = form["terminal"].ToString().Trim();
        var name = form["name"].ToString();
        if (refusal is null && !organizations.Contains(organization))
        {
            refusal = PageAccess.NotYours(context, basePath);
        }

        var parameters = ReadParameters(form["parameters"].ToString());
        if (refusal is null && (!Queueable.Contains(name) || parameters is null))
        {
            refusal = PageHtml.Refused(context, basePath, StatusCodes.Status400BadRequest, PageStrings.Get(parameters is null ? "ParametersInvalid" : "ActionUnknown"));
        }

        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var queue = context.RequestServices.GetRequiredService<IRemoteActionQueue>();
        try
        {
            await queue.QueueAsync(
                new RemoteActionRequest { Organization = organization, TerminalId = terminal.Length == 0 ? null : terminal, Name = name, Parameters = parameters! },
                context.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            await PageHtml.Refused(context, basePath, StatusCodes.Status400BadRequest, PageStrings.Format("NotEnrolled", terminal)).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.Redirect(Back(basePath, context, organization, terminal));
    }

    private static async Task Cancel(HttpContext context, string basePath)
    {
        var (organizations, form, refusal) = await PageAccess.ResolvePostAsync(context, basePath).ConfigureAwait(false);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var queue = context.RequestServices.GetRequiredService<IRemoteActionQueue>();
        var action = Guid.TryParse(form["id"], out var id) ? await queue.GetAsync(id, context.RequestAborted).ConfigureAwait(false) : null;
        if (action is null || !organizations.Contains(action.Organization))
        {
            // Another organization's action is answered as an unknown one: its existence is not told.
            await PageAccess.NotYours(context, basePath).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await queue.CancelAsync(id, PageStrings.Format("CanceledBy", context.User.Identity?.Name ?? "?"), context.RequestAborted).ConfigureAwait(false);
        context.Response.Redirect(Back(basePath, context, action.Organization, form["terminal"].ToString()));
    }

    private static async Task Archive(HttpContext context, string basePath)
    {
        var (organizations, refusal) = await PageAccess.ResolveAsync(context, basePath).ConfigureAwait(false);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var queue = context.RequestServices.GetRequiredService<IRemoteActionQueue>();
        var action = Guid.TryParse(context.Request.Query["id"], out var id) ? await queue.GetAsync(id, context.RequestAborted).ConfigureAwait(false) : null;
        if (action is null || !organizations.Contains(action.Organization))
        {
            await PageAccess.NotYours(context, basePath).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (action.UploadedBytes is null)
        {
            await PageHtml.Refused(context, basePath, StatusCodes.Status404NotFound, PageStrings.Get("NoArchive")).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        // Buffered to a temporary file first: a store's copy is not cut half-way into a 200 response.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            if (await queue.DownloadAsync(id, file, context.RequestAborted).ConfigureAwait(false) < 0)
            {
                await PageHtml.Refused(context, basePath, StatusCodes.Status404NotFound, PageStrings.Get("NoArchive")).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            file.Position = 0;
            context.Response.ContentType = "application/gzip";
            context.Response.ContentLength = file.Length;
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"logs-{SafeName(action.TerminalId)}-{action.Id:N}.log.gz\"";
            await file.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>The parameters textarea: one <c>name=value</c> per line; <see langword="null"/> when a line is not one.</summary>
    internal static Dictionary<string, string>? ReadParameters(string text)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 1 || parameters.Count >= 20 || line.Length > 1000)
            {
                return null;
            }

            parameters[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }

        return parameters;
    }

    private static string? Cursor(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 and <= 2000 } cursor ? cursor : null;

    private static string SafeName(string text) => new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);

    private static string Back(string basePath, HttpContext context, string organization, string? terminal)
    {
        var values = new List<KeyValuePair<string, string?>> { new("org", organization) };
        if (!string.IsNullOrEmpty(terminal))
        {
            values.Add(new("terminal", terminal));
        }

        return new PageHtml(context, basePath).Url("actions" + QueryString.Create(values).ToUriComponent());
    }

    internal static string Size(long bytes) => bytes < 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MB");
}
