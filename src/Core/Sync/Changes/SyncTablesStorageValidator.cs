using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PosFleet.Sync.Changes;

/// <summary>
/// Refuses, at start-up, a back office that declares sync tables on a storage that keeps no change log: without an
/// <see cref="IChangeExporter"/> the exchange would skip the changes and retention its pass, silently.
/// </summary>
internal sealed class SyncTablesStorageValidator(IServiceProvider services, IOptions<PosFleetOptions> fleet) : IValidateOptions<SyncTablesOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncTablesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A terminal imports; only the back office exports.
        if (options.Tables.Count == 0 || fleet.Value.TerminalId is not null)
        {
            return ValidateOptionsResult.Success;
        }

        var registered = services.GetService<IServiceProviderIsService>() is { } probe
            ? probe.IsService(typeof(IChangeExporter))
            : services.GetService<IChangeExporter>() is not null;
        if (registered)
        {
            return ValidateOptionsResult.Success;
        }

        var tables = string.Join(", ", options.Tables.Where(t => t is not null).Select(t => t.Name));
        return ValidateOptionsResult.Fail(
            $"AddSyncTables declares the tables {tables}, but the storage registered tracks no changes (no IChangeExporter): "
            + "the back office would never send them to its terminals. Keep the back office's own tables in a storage that "
            + "tracks them (UseSqliteStorage or UsePostgreSqlStorage), or register an IChangeExporter of your own; the in-memory "
            + "storage does not track changes of the host's tables. To export nothing, remove AddSyncTables.");
    }
}
