using Microsoft.Extensions.Options;
using PosFleet.Updates;

namespace PosFleet.Connectors.PostgreSql.Internal.Updates;

/// <summary>
/// The terminal's package state on PostgreSQL, so that a Once confirmation and the last answer outlive a restart.
/// Rows are keyed by <see cref="PosFleetOptions.TerminalId"/> as well as the package: one server database may keep
/// the state of many terminals (a host without a terminal id keeps its state under the empty id).
/// </summary>
internal sealed class PostgreSqlTerminalPackageStateStore(PostgreSqlDatabase database, IOptions<PosFleetOptions> options) : ITerminalPackageStateStore
{
    private string Terminal => options.Value.TerminalId ?? "";

    public async ValueTask<TerminalPackageState?> GetAsync(string packageId, CancellationToken cancellationToken) =>
        (await database.QueryAsync(
            "SELECT package_id, installed_version, confirmed, result_version, result_outcome, result_detail, result_at, installed_at, installing_version FROM package_terminal_state WHERE terminal = @terminal AND package_id = @package",
            r => new TerminalPackageState
            {
                PackageId = r.GetString(0),
                InstalledVersion = r.IsDBNull(1) ? null : r.GetString(1),
                Confirmed = r.GetBoolean(2),
                LastResult = PackageRows.ReadResult(r, 3),
                InstalledAt = PackageRows.Instant(r, 7),
                InstallingVersion = r.IsDBNull(8) ? null : r.GetString(8),
            },
            cancellationToken,
            ("terminal", Terminal),
            ("package", packageId)).ConfigureAwait(false)).FirstOrDefault();

    public async ValueTask SaveAsync(TerminalPackageState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await database.ExecuteAsync(
            """
            INSERT INTO package_terminal_state (terminal, package_id, installed_version, confirmed, result_version, result_outcome, result_detail, result_at, installed_at, installing_version)
            VALUES (@terminal, @package, @installed, @confirmed, @result_version, @outcome, @detail, @result_at, @installed_at, @installing)
            ON CONFLICT (terminal, package_id) DO UPDATE SET installed_version = EXCLUDED.installed_version, confirmed = EXCLUDED.confirmed,
                result_version = EXCLUDED.result_version, result_outcome = EXCLUDED.result_outcome, result_detail = EXCLUDED.result_detail, result_at = EXCLUDED.result_at,
                installed_at = EXCLUDED.installed_at, installing_version = EXCLUDED.installing_version
            """,
            cancellationToken,
            [("terminal", Terminal), ("package", state.PackageId), ("installed", state.InstalledVersion), ("confirmed", state.Confirmed), ("installed_at", state.InstalledAt?.UtcTicks), ("installing", state.InstallingVersion), .. PostgreSqlPackageStore.Result(state.LastResult)])
            .ConfigureAwait(false);
    }
}
