using Microsoft.Data.Sqlite;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// The ids of a table of shared values (templates, rules, origins), cached. Ids found or added during a batch
/// become known only when the batch commits, so that a rolled-back batch leaves no id behind.
/// </summary>
/// <remarks>
/// A fleet of a million terminals has a million origins or more, most of them new to a batch: their select and insert
/// are prepared once per batch, not once per value (preparing them each time made ingest 10 times slower with 300,000
/// terminals than with one), and the cache is bounded (<see cref="MaxKnown"/>): past it, it starts again empty and
/// values are looked up in the table, which its index answers.
/// </remarks>
internal sealed class SqliteLookup<TKey>(string select, string insert, Action<SqliteParameterCollection, TKey> bind) : IDisposable
    where TKey : notnull
{
    /// <summary>The most ids kept in memory between batches.</summary>
    public const int MaxKnown = 65_536;

    private readonly Dictionary<TKey, long> _known = [];
    private readonly Dictionary<TKey, long> _pending = [];
    private SqliteConnection? _connection;
    private SqliteCommand? _select;
    private SqliteCommand? _insert;

    /// <summary>How many ids are cached now (at most <see cref="MaxKnown"/> after a commit).</summary>
    public int Known => _known.Count;

    public long GetOrAdd(SqliteConnection connection, TKey key)
    {
        if (_known.TryGetValue(key, out var id) || _pending.TryGetValue(key, out id))
        {
            return id;
        }

        if (!ReferenceEquals(connection, _connection))
        {
            CloseCommands();
            _connection = connection;
            _select = connection.CreateCommand();
            _select.CommandText = select;
            _insert = connection.CreateCommand();
            _insert.CommandText = insert;
        }

        _select!.Parameters.Clear();
        bind(_select.Parameters, key);
        if (_select.ExecuteScalar() is long existing)
        {
            id = existing;
        }
        else
        {
            _insert!.Parameters.Clear();
            bind(_insert.Parameters, key);
            id = (long)_insert.ExecuteScalar()!;
        }

        _pending[key] = id;
        return id;
    }

    public void Commit()
    {
        CloseCommands();
        if (_known.Count + _pending.Count > MaxKnown)
        {
            _known.Clear();
        }

        foreach (var (key, id) in _pending)
        {
            if (_known.Count >= MaxKnown)
            {
                break;
            }

            _known[key] = id;
        }

        _pending.Clear();
    }

    public void Rollback()
    {
        CloseCommands();
        _pending.Clear();
    }

    public void Dispose() => CloseCommands();

    private void CloseCommands()
    {
        _select?.Dispose();
        _insert?.Dispose();
        (_select, _insert, _connection) = (null, null, null);
    }
}
