using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>
/// A test's directory of real SQLite files and the stores it opened over them, each through its own service provider as
/// a host would: disposed, with the connection pools cleared, before the directory is removed.
/// </summary>
internal sealed class SqliteTestStores : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<ServiceProvider> _providers = [];

    /// <summary>The directory the test's files go in.</summary>
    public TempDirectory Dir => _dir;

    /// <summary>A store over <paramref name="path"/>, with <see cref="SqliteStorageOptions.CheckOnOpen"/> as given, or its default.</summary>
    public ILogStore Store(string path, bool? checkOnOpen = null)
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorage(o =>
        {
            o.ConnectionString = $"Data Source={path}";
            if (checkOnOpen is { } check)
            {
                o.CheckOnOpen = check;
            }
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ILogStore>();
    }

    /// <summary>Disposes the stores opened so far and closes their pooled connections, so the files can be changed behind them.</summary>
    public void CloseStores()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _providers.Clear();
        SqliteConnection.ClearAllPools();
    }

    public void Dispose()
    {
        CloseStores();
        _dir.Dispose();
    }
}
