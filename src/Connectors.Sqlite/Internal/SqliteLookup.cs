using Microsoft.Data.Sqlite;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// The ids of a small table of shared values (templates, rules, origins), cached. Ids found or added during a batch
/// become known only when the batch commits, so that a rolled-back batch leaves no id behind.
/// </summary>
internal sealed class SqliteLookup<TKey>(string select, string insert, Action<SqliteParameterCollection, TKey> bind)
    where TKey : notnull
{
    private readonly Dictionary<TKey, long> _known = [];
    private readonly Dictionary<TKey, long> _pending = [];

    public long GetOrAdd(SqliteConnection connection, TKey key)
    {
        if (_known.TryGetValue(key, out var id) || _pending.TryGetValue(key, out id))
        {
            return id;
        }

        using var command = connection.CreateCommand();
        command.CommandText = select;
        bind(command.Parameters, key);
        if (command.ExecuteScalar() is long existing)
        {
            id = existing;
        }
        else
        {
            command.CommandText = insert;
            id = (long)command.ExecuteScalar()!;
        }

        _pending[key] = id;
        return id;
    }

    public void Commit()
    {
        foreach (var (key, id) in _pending)
        {
            _known[key] = id;
        }

        _pending.Clear();
    }

    public void Rollback() => _pending.Clear();
}
