using Microsoft.Extensions.DependencyInjection;
using PosFleet.Cli.Commands;
using PosFleet.Sync;
using PosFleet.Sync.Changes;

namespace PosFleet.Cli.Sync;

/// <summary>
/// The one container of a sync command, composed as a vendor's host composes each side: a back office
/// (<c>AddSyncBackOffice</c>, no terminal id) or a terminal (the till's id and organization; its SQLite outbox and importer, without the agent, which the tool never runs).
/// </summary>
internal static class SyncStores
{
    /// <summary>The exit code of a change file refused for this store: another organization's, or with a gap before it.</summary>
    public const int Refused = 12;

    public static (StoreAccess? Access, int ExitCode) OpenBackOffice(FileInfo file, bool create, IReadOnlyList<SyncTable>? tables = null)
    {
        if (!create && !file.Exists)
        {
            return (null, ScanCommand.Fail(ExitCodes.StoreUnavailable, $"The back office store '{file.FullName}' does not exist: enrol a terminal into it first ('posfleet terminal enrol --store {file.Name} …'), or name the back office's file."));
        }

        return StoreAccess.Open(file, create, builder =>
        {
            builder.AddSyncBackOffice();
            AddTables(builder, tables);
        });
    }

    public static (StoreAccess? Access, int ExitCode) OpenTerminal(FileInfo file, bool create, string terminal, string organization, IReadOnlyList<SyncTable>? tables = null)
    {
        if (!create && !file.Exists)
        {
            return (null, ScanCommand.Fail(ExitCodes.StoreUnavailable, $"The terminal store '{file.FullName}' does not exist: name the file the terminal's host uses (the host creates it when it first starts)."));
        }

        return StoreAccess.Open(file, create, builder =>
        {
            builder.Services.Configure<PosFleetOptions>(o =>
            {
                o.TerminalId = terminal;
                o.Organization = organization;
            });
            AddTables(builder, tables);
        });
    }

    private static void AddTables(IPosFleetBuilder builder, IReadOnlyList<SyncTable>? tables)
    {
        if (tables is not null)
        {
            builder.AddSyncTables(o =>
            {
                foreach (var table in tables)
                {
                    o.Tables.Add(table);
                }
            });
        }
    }
}
