using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>The checks made before a file is used: each reads only, and names the file and what to do when it fails.</summary>
internal sealed partial class SqliteDatabase
{
    private static ReadOnlySpan<byte> Header => "SQLite format 3\0"u8;

    /// <summary>
    /// Refuses a file that is not a SQLite database, or is shorter than its header says, before SQLite is let near
    /// it. Reads the first 100 bytes only, so it costs the same on any size of file.
    /// </summary>
    private void CheckHeader()
    {
        if (Path.Length == 0 || Path == ":memory:" || FileIdentity.Stat(Path) is not { } node)
        {
            return;
        }

        if (node.Kind is not FileNodeKind.Regular and not FileNodeKind.Directory)
        {
            // Opening a FIFO waits for a writer, for good: refused before anything opens it.
            throw new PosFleetStorageException($"The store '{Path}' is not a SQLite database: {FileIdentity.NotRegular(node.Kind)}. Choose a database file; nothing was opened.");
        }

        Span<byte> header = stackalloc byte[100];
        int read;
        long length;
        try
        {
            using var file = FileIdentity.OpenRegular(Path, 1);
            length = file.Length;
            if (length == 0)
            {
                return;
            }

            read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PosFleetStorageException($"The database '{Path}' cannot be read ({ex.Message}): check its permissions.", ex);
        }

        if (read < Header.Length || !header[..Header.Length].SequenceEqual(Header))
        {
            throw new PosFleetStorageException($"The file '{Path}' is not a SQLite database: move it aside or choose another file; it was not changed.");
        }

        if (length < 512 || read < header.Length)
        {
            throw new PosFleetStorageException($"The database '{Path}' is corrupt (truncated: {length} bytes, shorter than one page): restore it from a backup or move it aside; it was not changed.");
        }

        // The page count in the header is valid when the change counter (offset 24) matches the version it was
        // written for (offset 92). While the write-ahead log holds frames, a checkpoint cut short may have left
        // the file shorter than its header says: SQLite reads those pages from the log.
        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(header[16..]) switch { 1 => 65536L, var size => size };
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header[28..]);
        var valid = pages > 0 && header.Slice(24, 4).SequenceEqual(header.Slice(92, 4));
        if (valid && length < pages * pageSize && !HasLogFrames())
        {
            throw new PosFleetStorageException(
                $"The database '{Path}' is corrupt (truncated: {length} bytes, its header says {pages * pageSize}): restore it from a backup or move it aside; it was not changed.");
        }
    }

    private bool HasLogFrames()
    {
        var wal = new FileInfo(Path + "-wal");
        return wal.Exists && wal.Length > 32;
    }

    /// <summary>Runs <c>PRAGMA quick_check</c>, which reads the whole file: before a migration, and on open when asked for.</summary>
    private async Task QuickCheckAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA quick_check(3);";
            var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    // One row may hold several problems, one a line: the error stays on one line.
                    problems.Add(reader.GetString(0).ReplaceLineEndings("; "));
                }
            }
        }

        if (problems is not ["ok"])
        {
            throw new PosFleetStorageException(
                $"The database '{Path}' is corrupt (quick_check: {string.Join("; ", problems)}): restore it from a backup or move it aside; it was not changed.");
        }
    }

    /// <summary>
    /// The schema version, refusing a newer one, and a file holding other objects under the names PosFleet's schema
    /// needs. A file may hold the host's own tables (a till's tickets and users, PosFleet beside them): they are never
    /// read, written or renamed, and <c>PRAGMA user_version</c>, which the host may use for its own schema, is left alone.
    /// </summary>
    private async Task<int> CheckVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var version = await ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        var latest = SqliteMigrations.Latest;
        if (version > latest)
        {
            throw new PosFleetStorageException(
                $"The database '{Path}' was written by a newer version of PosFleet (schema {version}; this version knows schemas up to {latest}): open it with that version or newer; it was not changed.");
        }

        var taken = new List<string>();
        foreach (var (kind, name) in SqliteMigrations.CreatedAfter(version))
        {
            // A virtual table also needs its shadow tables' names (entries_text_data, entries_text_idx …).
            var sql = kind == "virtual table"
                ? "SELECT type FROM sqlite_schema WHERE name = $name COLLATE NOCASE OR name LIKE $shadow ESCAPE '\\' LIMIT 1;"
                : "SELECT type FROM sqlite_schema WHERE name = $name COLLATE NOCASE LIMIT 1;";
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$shadow", name.Replace("_", "\\_", StringComparison.Ordinal) + "\\_%");
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string type)
            {
                taken.Add($"{type} '{name}'");
            }
        }

        if (taken.Count > 0)
        {
            throw new PosFleetStorageException(
                $"The database '{Path}' already holds {string.Join(", ", taken)}, which PosFleet's schema {latest} needs: rename {(taken.Count == 1 ? "it" : "them")} in the host's schema, or give PosFleet a file of its own; it was not changed.");
        }

        return version;
    }

    /// <summary>
    /// The version in <see cref="SqliteMigrations.VersionTable"/>; for a file of an earlier build (which kept it in
    /// <c>PRAGMA user_version</c> and refused any other table) that version when the file holds PosFleet's first
    /// tables; 0 for a new file or a host's database that PosFleet has not used yet.
    /// </summary>
    private static async Task<int> ReadVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (await ScalarAsync(connection, $"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '{SqliteMigrations.VersionTable}';", cancellationToken).ConfigureAwait(false) is long and > 0)
        {
            return Convert.ToInt32(await ScalarAsync(connection, $"SELECT coalesce(max(version), 0) FROM {SqliteMigrations.VersionTable};", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        var legacy = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var ours = Convert.ToInt64(
            await ScalarAsync(connection, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('sources', 'templates', 'entries', 'entries_text');", cancellationToken).ConfigureAwait(false),
            CultureInfo.InvariantCulture);
        return legacy > 0 && ours == 4 ? legacy : 0;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
