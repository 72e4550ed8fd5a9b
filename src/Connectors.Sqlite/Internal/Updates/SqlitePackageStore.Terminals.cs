using Microsoft.Data.Sqlite;
using PosFleet.Updates;

namespace PosFleet.Connectors.Sqlite.Internal.Updates;

internal sealed partial class SqlitePackageStore
{
    private const string TerminalColumns = "organization, terminal, package_id, installed_version, result_version, result_outcome, result_detail, result_at, declined_version, reported_at";

    public async ValueTask RecordTerminalAsync(TerminalPackageStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        await ExecuteAsync(
            $"INSERT OR REPLACE INTO package_terminals ({TerminalColumns}) VALUES ($organization, $terminal, $package, $installed, $result_version, $outcome, $detail, $result_at, $declined, $reported_at);",
            p =>
            {
                p.AddWithValue("$organization", status.Organization);
                p.AddWithValue("$terminal", status.TerminalId);
                p.AddWithValue("$package", status.PackageId);
                p.AddWithValue("$installed", (object?)status.InstalledVersion ?? DBNull.Value);
                AddResult(p, status.LastResult);
                p.AddWithValue("$declined", (object?)status.DeclinedVersion ?? DBNull.Value);
                p.AddWithValue("$reported_at", status.ReportedAt.UtcTicks);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<TerminalPackageStatus?> GetTerminalAsync(string organization, string terminalId, string packageId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {TerminalColumns} FROM package_terminals WHERE organization = $organization AND terminal = $terminal AND package_id = $package;", p =>
        {
            p.AddWithValue("$organization", organization);
            p.AddWithValue("$terminal", terminalId);
            p.AddWithValue("$package", packageId);
        }, PackageRows.ReadTerminal, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async ValueTask<IReadOnlyList<TerminalPackageStatus>> ListTerminalsAsync(string organization, string? packageId, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {TerminalColumns} FROM package_terminals WHERE organization = $organization AND ($package IS NULL OR package_id = $package) ORDER BY terminal, package_id;", p =>
        {
            p.AddWithValue("$organization", organization);
            p.AddWithValue("$package", (object?)packageId ?? DBNull.Value);
        }, PackageRows.ReadTerminal, cancellationToken).ConfigureAwait(false);

    /// <summary>The four result columns (<c>$result_version</c>, <c>$outcome</c>, <c>$detail</c>, <c>$result_at</c>), all NULL without a result.</summary>
    internal static void AddResult(SqliteParameterCollection p, PackageResult? result)
    {
        p.AddWithValue("$result_version", (object?)result?.Version ?? DBNull.Value);
        p.AddWithValue("$outcome", (object?)result?.Outcome.ToString() ?? DBNull.Value);
        p.AddWithValue("$detail", (object?)result?.Detail ?? DBNull.Value);
        p.AddWithValue("$result_at", (object?)result?.At.UtcTicks ?? DBNull.Value);
    }
}
