using System.IO.Hashing;
using System.Text;
using Microsoft.Data.Sqlite;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>What a database holds, to compare two databases: row counts, distinct positions, full-text rows, and a hash of every row's content in position order.</summary>
public sealed record StoreSignature(long Rows, long DistinctPositions, long TextRows, string ContentHash, string Checkpoints)
{
    public static StoreSignature Read(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        long Scalar(string sql)
        {
            using var c = connection.CreateCommand();
            c.CommandText = sql;
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
                ORDER BY s.name, e.generation, e.line;
                """;
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
        using (var c = connection.CreateCommand())
        {
            c.CommandText = "SELECT name, byte_offset, line, fingerprint, generation FROM sources ORDER BY name;";
            using var reader = c.ExecuteReader();
            while (reader.Read())
            {
                checkpoints.Append(reader.GetString(0)).Append(' ').Append(reader.GetInt64(1)).Append(' ').Append(reader.GetInt64(2))
                    .Append(' ').Append(reader.GetInt64(3)).Append(' ').Append(reader.GetInt64(4)).Append('\n');
            }
        }

        return new StoreSignature(
            Scalar("SELECT count(*) FROM entries;"),
            Scalar("SELECT count(*) FROM (SELECT DISTINCT source_id, generation, line FROM entries);"),
            Scalar("SELECT count(*) FROM entries_text;"),
            Convert.ToHexString(hash.GetCurrentHash()),
            checkpoints.ToString());
    }
}
