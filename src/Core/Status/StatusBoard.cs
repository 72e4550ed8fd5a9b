using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PosFleet.Status;

/// <summary>
/// The status board: resolves the viewer's organizations, the instant and each organization's target version, and
/// leaves filtering, health and paging to the store's one query — so the organizations a viewer may not see are never
/// read, whatever the query names.
/// </summary>
internal sealed partial class StatusBoard(
    ITerminalStatusStore store,
    ITargetVersionSource targets,
    IOutletSetupPermissions permissions,
    IOptions<StatusOptions> options,
    TimeProvider time,
    ILogger<StatusBoard> logger) : IStatusBoard
{
    private const int ExportPageSize = 1000;

    public async Task<StatusBoardAccess> GetAccessAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var organizations = await permissions.GetOrganizationsAsync(user, cancellationToken).ConfigureAwait(false);
        return StatusBoardAccess.To(organizations ?? []);
    }

    public async Task<StatusBoardPage> QueryAsync(StatusBoardAccess access, StatusBoardQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        if (query.Organization is { } organization && !access.Allows(organization))
        {
            Log.OrganizationNotAllowed(logger, organization);
            return new([], null);
        }

        var rules = await RulesAsync(access, query, cancellationToken).ConfigureAwait(false);
        return await store.QueryAsync(access, query, rules, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SyncErrorPage> GetSyncErrorsAsync(StatusBoardAccess access, SyncErrorQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        if (query.Organization is { } organization && !access.Allows(organization))
        {
            Log.OrganizationNotAllowed(logger, organization);
            return new([], null);
        }

        return await store.ListErrorsAsync(access, query, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> ExportXlsxAsync(StatusBoardAccess access, StatusBoardQuery query, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(destination);
        // Every page from the first at one instant, so the workbook is one consistent picture of the board.
        var page = query with { After = null, Limit = ExportPageSize, AsOf = query.AsOf ?? time.GetUtcNow() };
        page.Validate();
        var first = page;
        var all = new List<StatusBoardRow>();
        while (true)
        {
            var rows = await QueryAsync(access, page, cancellationToken).ConfigureAwait(false);
            all.AddRange(rows.Rows);
            if (rows.Next is null)
            {
                break;
            }

            page = page with { After = rows.Next };
        }

        var buffer = new MemoryStream();
        await using (buffer.ConfigureAwait(false))
        {
            await StatusBoardWorkbook.WriteAsync(buffer, first, all, cancellationToken).ConfigureAwait(false);

            // The package is written whole in memory, then copied: nothing reaches the destination (a response body) unless the
            // whole workbook could be written.
            buffer.Position = 0;
            await buffer.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            Log.Exported(logger, all.Count);
            return all.Count;
        }
    }

    private async Task<TerminalHealthRules> RulesAsync(StatusBoardAccess access, StatusBoardQuery query, CancellationToken cancellationToken)
    {
        IEnumerable<string> organizations = query.Organization is { } one ? [one]
            : access.Organizations ?? (IEnumerable<string>)await store.ListOrganizationsAsync(cancellationToken).ConfigureAwait(false);
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var organization in organizations)
        {
            if (await targets.GetTargetVersionAsync(organization, cancellationToken).ConfigureAwait(false) is { } version)
            {
                if (VersionKey.From(version) is null)
                {
                    // Not a version: no terminal of that organization can be judged behind it.
                    Log.UnreadableTarget(logger, organization, version);
                    continue;
                }

                versions[organization] = version;
            }
        }

        var value = options.Value;
        return new TerminalHealthRules
        {
            Now = query.AsOf ?? time.GetUtcNow(),
            SilenceFactor = value.SilenceFactor,
            DefaultSyncInterval = value.DefaultSyncInterval,
            TargetVersions = versions,
        };
    }
}
