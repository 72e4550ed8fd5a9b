using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace PosFleet.Connectors.Sqlite.Tests.Sync.Changes;

/// <summary>The SQLite files of the hosts a conformance suite creates: a new file for each, a connection on it, and their removal.</summary>
internal sealed class ChangeFiles : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Dictionary<IServiceProvider, string> _paths = [];

    /// <summary>A path for a new host's file, named after <paramref name="name"/>.</summary>
    public string NewPath(string name) => Path.Combine(_dir.Path, $"{name}-{_paths.Count}.db");

    public void Add(IServiceProvider host, string path) => _paths[host] = path;

    /// <summary>A new, open connection on the file of <paramref name="host"/>, as the host writes with.</summary>
    public async Task<DbConnection> OpenAsync(IServiceProvider host)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _paths[host], DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    public void Dispose()
    {
        foreach (var provider in _paths.Keys.OfType<IDisposable>())
        {
            provider.Dispose();
        }

        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
