using System.IO.Hashing;
using System.Text;
using Microsoft.Data.Sqlite;

namespace PosFleet.Cli.Tests;

/// <summary>What a database holds, to compare two databases: row counts, distinct positions, full-text rows, and a hash of every row's content in position order.</summary>
public sealed record StoreSignature(long Rows, long DistinctPositions, long TextRows, string ContentHash, string Checkpoints)
{
    /// <summary>Reads the signature of a database, or of its entries up to line <paramref name="throughLine"/> (then without checkpoints).</summary>
    /// <summary>The line a database's only source is checkpointed at (0 when nothing was committed).</summary>
    public static long CheckpointLine(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var c = connection.CreateCommand();
        c.CommandText = "SELECT coalesce(max(line), 0) FROM sources;";
        try
        {
            return (long)c.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // killed before the schema was committed
        }
    }

    public static StoreSignature Read(string path, long throughLine = long.MaxValue)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        long Scalar(string sql)
        {
            using var c = connection.CreateCommand();
            c.CommandText = sql;
            c.Parameters.AddWithValue("$through", throughLine);
            return (long)c.ExecuteScalar()!;
        }

        var hash = new XxHash128();
        using (var c = connection.CreateCommand())
        {
            c.CommandText = """
                SELECT s.name, e.generation, e.line, e.ts, e.tz, o.terminal, o.organization, o.component, o.level, e.kind, e.severity, t.hash, t.text,
                       r.name, e.reference, e.message, e.params
                FROM entries e JOIN sources s ON s.id = e.source_id JOIN origins o ON o.id = e.origin_id JOIN templates t ON t.id = e.template_id
                LEFT JOIN rules r ON r.id = e.rule_id
                WHERE e.line <= $through
                ORDER BY s.name, e.generation, e.line;
                """;
            c.Parameters.AddWithValue("$through", throughLine);
            using var reader = c.ExecuteReader();
            var row = new StringBuilder();
            while (reader.Read())
            {
                row.Clear();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(reader.IsDBNull(i) ? "\u2400" : reader.GetValue(i).ToString()).Append('\u001e');
                }

                hash.Append(Encoding.UTF8.GetBytes(row.ToString()));
            }
        }

        var checkpoints = new StringBuilder();
        if (throughLine == long.MaxValue)
        {
            using var c = connection.CreateCommand();
            c.CommandText = "SELECT name, byte_offset, line, fingerprint, generation FROM sources ORDER BY name;";
            using var reader = c.ExecuteReader();
            while (reader.Read())
            {
                checkpoints.Append(reader.GetString(0)).Append(' ').Append(reader.GetInt64(1)).Append(' ').Append(reader.GetInt64(2))
                    .Append(' ').Append(reader.GetInt64(3)).Append(' ').Append(reader.GetInt64(4)).Append('\n');
            }
        }

        // The full-text index cannot be scanned (contentless, without per-row sizes): its vocabulary lists each word's rows.
        using (var c = connection.CreateCommand())
        {
            c.CommandText = "CREATE VIRTUAL TABLE temp.text_rows USING fts5vocab (main, entries_text, instance);";
            c.ExecuteNonQuery();
        }

        return new StoreSignature(
            Scalar("SELECT count(*) FROM entries WHERE line <= $through;"),
            Scalar("SELECT count(*) FROM (SELECT DISTINCT source_id, generation, line FROM entries WHERE line <= $through);"),
            Scalar("SELECT count(DISTINCT doc) FROM temp.text_rows WHERE doc IN (SELECT id FROM entries WHERE line <= $through);"),
            Convert.ToHexString(hash.GetCurrentHash()),
            checkpoints.ToString());
    }
}
