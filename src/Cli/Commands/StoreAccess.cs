using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Connectors.Sqlite;
using PosFleet.Logs.Dashboard;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Cli.Commands;

/// <summary>
/// The one PosFleet container of a command, composed as a vendor's host composes it: one <c>AddPosFleet</c>, the public
/// registrations only (<c>UseSqliteStorageFile</c>, <c>AddLogs</c> …), the options validated before any work.
/// </summary>
internal sealed class StoreAccess : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private StoreAccess(ServiceProvider provider) => _provider = provider;

    public IServiceProvider Services => _provider;

    public ILogStore Store => _provider.GetRequiredService<ILogStore>();

    public ILogScanner Scanner => _provider.GetRequiredService<ILogScanner>();

    public ILogIngester Ingester => _provider.GetRequiredService<ILogIngester>();

    public ILogDashboard Dashboard => _provider.GetRequiredService<ILogDashboard>();

    public TimeProvider Time => _provider.GetRequiredService<TimeProvider>();

    public static Option<FileInfo> StoreOption() => new("--store") { Description = "The SQLite database file.", Required = true };

    /// <summary>Composes PosFleet over the SQLite file a command names, or writes why it cannot be used and returns the exit code.</summary>
    /// <param name="file">The store.</param>
    /// <param name="create">Whether the command writes (and may create the file), or only reads an existing one.</param>
    /// <param name="configure">The command's other registrations, such as <c>b =&gt; b.AddLogs(…)</c>.</param>
    /// <param name="check">Checks the command's own values against the registered validators; an exit code when they fail.</param>
    public static (StoreAccess? Access, int ExitCode) Open(
        FileInfo file, bool create, Action<IPosFleetBuilder>? configure = null, Func<IServiceProvider, int?>? check = null)
    {
        if (!create && !file.Exists)
        {
            return (null, ScanCommand.Fail(ExitCodes.StoreUnavailable, $"The store '{file.FullName}' does not exist: create it with 'posfleet ingest <paths> --store {file.Name}'."));
        }

        // The commands that write (create: ingest, demo) run PRAGMA quick_check over the whole file before the first
        // write, so a file with damaged pages is refused (exit 5) and left as it was. The read commands (search,
        // dashboard) skip that pass, seconds on a gigabyte store: they still check the header and schema version
        // (quick_check too, before a migration), and report corruption their queries meet.
        return Compose(
            builder =>
            {
                builder.UseSqliteStorageFile(file.FullName, o => o.CheckOnOpen = create);
                configure?.Invoke(builder);
            },
            check);
    }

    /// <summary>Composes PosFleet with the command's registrations and validates every option (exit 4 when one is invalid).</summary>
    public static (StoreAccess? Access, int ExitCode) Compose(Action<IPosFleetBuilder> configure, Func<IServiceProvider, int?>? check = null)
    {
        var services = new ServiceCollection();
        configure(services.AddPosFleet());
        var provider = services.BuildServiceProvider();
        try
        {
            if (check?.Invoke(provider) is { } code)
            {
                provider.Dispose();
                return (null, code);
            }

            provider.ValidatePosFleetOptions();
            return (new StoreAccess(provider), ExitCodes.Success);
        }
        catch (OptionsValidationException ex)
        {
            provider.Dispose();
            return (null, ScanCommand.Fail(ExitCodes.InvalidConfiguration, ex.Message));
        }
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
