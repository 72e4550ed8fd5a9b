using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Connectors.Sqlite;
using PosFleet.Logs.Dashboard;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Cli.Commands;

/// <summary>Opens the SQLite store a command names (<c>--store fleet.db</c>) through the public registration, as a host would.</summary>
internal sealed class StoreAccess : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private StoreAccess(ServiceProvider provider, ILogStore store)
    {
        _provider = provider;
        Store = store;
    }

    public ILogStore Store { get; }

    public static Option<FileInfo> StoreOption() => new("--store") { Description = "The SQLite database file.", Required = true };

    /// <summary>Opens the store, or writes why it cannot be opened and returns the exit code.</summary>
    public static (StoreAccess? Access, int ExitCode) Open(FileInfo file, bool create, Action<LogScanOptions>? configureScanner = null)
    {
        if (!create && !file.Exists)
        {
            return (null, ScanCommand.Fail(ExitCodes.StoreUnavailable, $"The store '{file.FullName}' does not exist: create it with 'posfleet ingest <paths> --store {file.Name}'."));
        }

        var services = new ServiceCollection();
        // The commands that write (create: ingest, demo) run PRAGMA quick_check over the whole file before the first
        // write, so a file with damaged pages is refused (exit 5) and left as it was. The read commands (search,
        // dashboard) skip that pass, seconds on a gigabyte store: they still check the header and schema version
        // (quick_check too, before a migration), and report corruption their queries meet.
        var connectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = file.FullName }.ToString();
        services.AddPosFleet().UseSqliteStorage(o =>
        {
            o.ConnectionString = connectionString;
            o.CheckOnOpen = create;
        });
        if (configureScanner is not null)
        {
            services.Configure(configureScanner);
        }

        var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value;
            return (new StoreAccess(provider, provider.GetRequiredService<ILogStore>()), ExitCodes.Success);
        }
        catch (OptionsValidationException ex)
        {
            provider.Dispose();
            return (null, ScanCommand.Fail(ExitCodes.InvalidConfiguration, ex.Message));
        }
    }

    public LogScanner Scanner => _provider.GetRequiredService<LogScanner>();

    public ILogDashboard Dashboard => _provider.GetRequiredService<ILogDashboard>();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
