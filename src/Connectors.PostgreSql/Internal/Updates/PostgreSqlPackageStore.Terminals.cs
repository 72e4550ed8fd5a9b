using PosFleet.Updates;

namespace PosFleet.Connectors.PostgreSql.Internal.Updates;

internal sealed partial class PostgreSqlPackageStore
{
    private const string TerminalColumns = "organization, terminal, package_id, installed_version, result_version, result_outcome, result_detail, result_at, declined_version, reported_at";

    public async ValueTask RecordTerminalAsync(TerminalPackageStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        await database.ExecuteAsync(
            $"""
            INSERT INTO package_terminals ({TerminalColumns}) VALUES (@organization, @terminal, @package, @installed, @result_version, @outcome, @detail, @result_at, @declined, @reported_at)
            ON CONFLICT (organization, terminal, package_id) DO UPDATE SET installed_version = EXCLUDED.installed_version,
                result_version = EXCLUDED.result_version, result_outcome = EXCLUDED.result_outcome, result_detail = EXCLUDED.result_detail,
                result_at = EXCLUDED.result_at, declined_version = EXCLUDED.declined_version, reported_at = EXCLUDED.reported_at
            """,
            cancellationToken,
            [
                ("organization", status.Organization),
                ("terminal", status.TerminalId),
                ("package", status.PackageId),
                ("installed", status.InstalledVersion),
                .. Result(status.LastResult),
                ("declined", status.DeclinedVersion),
                ("reported_at", status.ReportedAt.UtcTicks),
            ]).ConfigureAwait(false);
    }

    public async ValueTask<TerminalPackageStatus?> GetTerminalAsync(string organization, string terminalId, string packageId, CancellationToken cancellationToken) =>
        (await database.QueryAsync(
            $"SELECT {TerminalColumns} FROM package_terminals WHERE organization = @organization AND terminal = @terminal AND package_id = @package",
            PackageRows.ReadTerminal, cancellationToken, ("organization", organization), ("terminal", terminalId), ("package", packageId)).ConfigureAwait(false)).FirstOrDefault();

    public async ValueTask<IReadOnlyList<TerminalPackageStatus>> ListTerminalsAsync(string organization, string? packageId, CancellationToken cancellationToken) =>
        await database.QueryAsync(
            $"SELECT {TerminalColumns} FROM package_terminals WHERE organization = @organization AND (@package::text IS NULL OR package_id = @package) ORDER BY terminal, package_id",
            PackageRows.ReadTerminal, cancellationToken, ("organization", organization), ("package", packageId)).ConfigureAwait(false);

    /// <summary>The four result parameters (<c>@result_version</c>, <c>@outcome</c>, <c>@detail</c>, <c>@result_at</c>), all NULL without a result.</summary>
    internal static (string, object?)[] Result(PackageResult? result) =>
    [
        ("result_version", result?.Version),
        ("outcome", result?.Outcome.ToString()),
        ("detail", result?.Detail),
        ("result_at", result?.At.UtcTicks),
    ];
}
