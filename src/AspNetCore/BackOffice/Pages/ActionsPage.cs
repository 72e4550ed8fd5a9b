using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;
using PosFleet.AspNetCore.BackOffice.Internal;

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

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/actions", context => BackOfficePages.RenderAsync(context, (request, ct) => ListAsync(context, request, ct))).WithDisplayName("PosFleet back office: actions");
        group.MapGet("/actions/archive", ArchiveAsync).WithDisplayName("PosFleet back office: a log archive");
        group.MapPost("/actions/add", context => BackOfficePages.PostAsync(context, (request, form, ct) => AddAsync(context, request, form, ct))).WithDisplayName("PosFleet back office: add an action");
        group.MapPost("/actions/cancel", context => BackOfficePages.PostAsync(context, (request, form, ct) => CancelAsync(context, request, form, ct))).WithDisplayName("PosFleet back office: cancel an action");
    }

    private static async ValueTask<BackOfficeView> ListAsync(HttpContext context, BackOfficeRequest request, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var terminal = query["terminal"].ToString() is { Length: > 0 and <= 200 } t ? t : null;
        var queue = context.RequestServices.GetRequiredService<IRemoteActionQueue>();
        var scope = new RemoteActionQuery { Organization = request.Organization, TerminalId = terminal, Limit = request.Options.PageSize };
        var pending = await PageAsync(queue, scope with { List = RemoteActionList.Pending, After = Cursor(query["pendingAfter"]) }, cancellationToken).ConfigureAwait(false);
        var done = await PageAsync(queue, scope with { List = RemoteActionList.Done, After = Cursor(query["doneAfter"]) }, cancellationToken).ConfigureAwait(false);
        var words = PageStrings.For(request.Culture);
        return new BackOfficeView(words["ActionsTitle"], "actions", html =>
        {
            ActionsPageHtml.Scope(html, request, words, terminal);
            ActionsPageHtml.AddForm(html, request, words, terminal);
            ActionsPageHtml.Table(html, request, words, "pending", words["Pending"], pending, terminal, "pendingAfter");
            ActionsPageHtml.Table(html, request, words, "done", words["Done"], done, terminal, "doneAfter");
        });
    }

    private static async Task<RemoteActionPage> PageAsync(IRemoteActionQueue queue, RemoteActionQuery query, CancellationToken cancellationToken)
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

    private static async ValueTask<IResult> AddAsync(HttpContext context, BackOfficeRequest request, IFormCollection form, CancellationToken cancellationToken)
    {
        var words = PageStrings.For(request.Culture);
        var terminal = form["terminal"].ToString().Trim();
        var name = form["name"].ToString();
        var parameters = ReadParameters(form["parameters"].ToString());
        if (!Queueable.Contains(name) || parameters is null || terminal.Length > 200)
        {
            return PageParts.Problem(request, StatusCodes.Status400BadRequest, words["AddAction"], words[parameters is null ? "ParametersInvalid" : "ActionUnknown"]);
        }

        var queue = context.RequestServices.GetRequiredService<IRemoteActionQueue>();
        try
        {
            await queue.QueueAsync(
                new RemoteActionRequest { Organization = request.Organization, TerminalId = terminal.Length == 0 ? null : terminal, Name = name, Parameters = parameters },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            return PageParts.Problem(request, StatusCodes.Status400BadRequest, words["AddAction"], words.Format("NotEnrolled", terminal));
        }

        return Results.Redirect(request.Link("actions", ("terminal", terminal)));
    }

    private static async ValueTask<IResult> CancelAsync(HttpContext context, BackOfficeRequest request, IFormCollection form, CancellationToken cancellationToken)
    {
        var queue = context.RequestServices.GetRequiredService<IRemoteActionQueue>();
        var action = Guid.TryParse(form["id"], out var id) ? await queue.GetAsync(request.Organization, id, cancellationToken).ConfigureAwait(false) : null;
        if (action is null)
        {
            // Another organization's action is answered as an unknown one: its existence is not told.
            return PageParts.Forbidden(request);
        }

        var words = PageStrings.For(request.Culture);
        await queue.CancelAsync(request.Organization, id, words.Format("CanceledBy", context.User.Identity?.Name ?? "?"), cancellationToken).ConfigureAwait(false);
        return Results.Redirect(request.Link("actions", ("terminal", form["terminal"].ToString())));
    }

    private static async Task ArchiveAsync(HttpContext context)
    {
        // The archive link carries the page's organization: the action is looked up in that one only, once the user is
        // known to hold it.
        var scope = await PageParts.AuthorizeDownloadAsync(context, context.Request.Query["org"].ToString()).ConfigureAwait(false);
        if (scope is null)
        {
            return;
        }

        var queue = context.RequestServices.GetRequiredService<IRemoteActionQueue>();
        var action = Guid.TryParse(context.Request.Query["id"], out var id) ? await queue.GetAsync(scope.Organization, id, context.RequestAborted).ConfigureAwait(false) : null;
        if (action is null)
        {
            // Another organization's action is refused as an unknown one is: its existence is not told.
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (action.UploadedBytes is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // Buffered to a temporary file first: a store's copy is not cut half-way into a 200 response.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            if (await queue.DownloadAsync(action.Organization, id, file, context.RequestAborted).ConfigureAwait(false) < 0)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
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

    internal static string Size(long bytes) => bytes < 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MB");
}
