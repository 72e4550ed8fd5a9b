using Microsoft.Data.Sqlite;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>How a page of one organization's entries is read: in time order, or by its origins and then sorted.</summary>
internal sealed partial class SqliteLogStore
{
    /// <summary>
    /// Whether a page of one organization's entries is cheaper read by walking every entry newest first
    /// (<c>entries_time</c>, whose order is the page's: no sort) than by reading all of the organization's entries in
    /// scope by its origins (<c>entries_origin</c>) and sorting them. The walk reads about
    /// <c>page × entries ÷ the organization's</c> rows, the other way all of the organization's: a busy organization
    /// walks, one with few entries in the window is sorted. Both counts come from <c>organization_hours</c> (whole hours
    /// around the window, an estimate that is enough to choose). Queries that name a terminal, template, reference or
    /// text are left to SQLite's planner.
    /// </summary>
    private static async Task<bool> WalksTimeAsync(SqliteConnection connection, LogQuery query, CancellationToken cancellationToken)
    {
        if (query.Organization is null || query.Terminal is not null || query.TemplateId is not null || query.Reference is not null || query.Text is not null)
        {
            return false;
        }

        // The whole hours that hold the window (and end with the cursor's, past the first page).
        var to = query.To?.UtcTicks;
        if (query.After is not null)
        {
            var after = LogCursor.Decode(query.After).UtcTicks + 1;
            to = to is { } t && t < after ? t : after;
        }

        var hours = query with
        {
            From = query.From is { } f ? new DateTimeOffset(f.UtcTicks - (f.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero) : null,
            To = to is { } end ? new DateTimeOffset(end - (end % TimeSpan.TicksPerHour) + TimeSpan.TicksPerHour, TimeSpan.Zero) : null,
            After = null,
        };

        using var command = connection.CreateCommand();
        var all = hours with { Organization = null, Severities = null, Kinds = null };
        command.CommandText = $"""
            SELECT (SELECT coalesce(sum(n), 0) FROM organization_hours WHERE {RollupWhere(hours, command)}),
                   (SELECT coalesce(sum(n), 0) FROM organization_hours WHERE {RollupWhere(all, command, "_all")});
            """;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var (organization, entries) = (reader.GetDouble(0), reader.GetDouble(1));
            return organization > 0 && (query.Limit + 1.0) * entries < organization * organization;
        }
    }
}
