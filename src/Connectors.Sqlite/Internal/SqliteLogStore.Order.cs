using Microsoft.Data.Sqlite;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>How a page of one organization's entries is read: in time order, or by its origins and then sorted.</summary>
internal sealed partial class SqliteLogStore
{
    /// <summary>
    /// Whether a page of one organization's entries is cheaper read by walking every entry newest first
    /// (<c>entries_time</c>, whose order is the page's: no sort) than by reading all of the organization's entries in
    /// scope by its origins (<c>entries_origin</c>) and sorting them. The walk reads every entry from the end of the
    /// window back to the page's last one of the organization, the other way all of the organization's. Both come from
    /// <c>organization_hours</c> (whole hours around the window, an estimate that is enough to choose), hour by hour from
    /// the newest: an organization that is quiet over the window but busy in its newest hours walks, and one that was
    /// busy long ago but is quiet now is sorted (an even spread over the window would tell neither). Queries that name a
    /// terminal, template, reference or text are left to SQLite's planner.
    /// </summary>
    internal static async Task<bool> WalksTimeAsync(SqliteConnection connection, LogQuery query, CancellationToken cancellationToken)
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
            SELECT sum(CASE WHEN {RollupWhere(hours, command)} THEN n ELSE 0 END), sum(n)
            FROM organization_hours WHERE {RollupWhere(all, command, "_all")}
            GROUP BY hour ORDER BY hour DESC;
            """;
        double needed = query.Limit + 1.0, walked = 0, organization = 0;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var (ofOrganization, entries) = (reader.GetDouble(0), reader.GetDouble(1));
                organization += ofOrganization;
                if (needed <= 0)
                {
                    continue;
                }

                // The hour that holds the page's last entry is walked only down to it, at the hour's own rate.
                walked += ofOrganization >= needed ? entries * needed / ofOrganization : entries;
                needed -= ofOrganization;
            }
        }

        return organization > 0 && walked < organization;
    }
}
