using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PosFleet.Connectors.PostgreSql.Tests;

/// <summary>
/// A real PostgreSQL server for the test run: <c>initdb</c> into a temporary directory, <c>pg_ctl start</c> on a free
/// port of 127.0.0.1, stopped and deleted when the run ends. As root (initdb refuses root), the cluster belongs to the
/// <c>postgres</c> system user and the tools run through <c>runuser</c>. The superuser's password is given to initdb in a
/// file, never on a command line; connections from 127.0.0.1 must present it (scram-sha-256).
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private const string User = "posfleet";
    private readonly string _password = Guid.NewGuid().ToString("n");
    private readonly string _root = Path.Combine(Path.GetTempPath(), "posfleet-pg-" + Guid.NewGuid().ToString("n")[..12]);
    private string _bin = "";
    private string? _runAs;
    private int _databases;

    /// <summary>The port the server listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>Starts the server.</summary>
    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        _runAs = Environment.UserName == "root" ? "postgres" : null;
        if (_runAs is not null && !File.ReadLines("/etc/passwd").Any(l => l.StartsWith(_runAs + ":", StringComparison.Ordinal)))
        {
            // Debian's package creates the postgres user; a machine with the binaries but not the user gets a system user.
            await RunAsync("useradd", ["--system", "--no-create-home", _runAs], asOwner: false);
        }

        Directory.CreateDirectory(_root);
        var passwordFile = Path.Combine(_root, "password");
        await File.WriteAllTextAsync(passwordFile, _password);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        if (_runAs is not null)
        {
            await RunAsync("chown", ["-R", _runAs, _root], asOwner: false);
        }

        var data = Path.Combine(_root, "data");
        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", data, "-U", User, "--pwfile", passwordFile, "--auth", "scram-sha-256", "-E", "UTF8", "--locale", "C", "--no-sync"], asOwner: true);
        File.Delete(passwordFile);
        Port = FreePort();
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories='{_root}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(_root, "server.log"), "-o", options, "-w", "-t", "60", "start"], asOwner: true);
    }

    /// <summary>Stops the server and deletes its files.</summary>
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"], asOwner: true);
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>The connection string of a database on this server.</summary>
    /// <param name="database">The database name.</param>
    /// <returns>The connection string.</returns>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Password = _password,
        Database = database,
        MaxPoolSize = 20,
    }.ToString();

    /// <summary>Creates a new, empty database and returns its connection string.</summary>
    /// <returns>The connection string.</returns>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"test_{Interlocked.Increment(ref _databases)}");
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private static string FindBinaries()
    {
        var fromPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
            : [];
        return fromPath.Concat(debian).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL's initdb and pg_ctl were found neither on PATH nor in /usr/lib/postgresql/*/bin: install the Debian package postgresql (.ci/run does).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task RunAsync(string program, string[] arguments, bool asOwner)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asOwner && _runAs is not null)
        {
            start.FileName = "runuser";
            foreach (var a in (string[])["-u", _runAs, "--", program])
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}

/// <summary>The one PostgreSQL server of the test run, shared by every test class (each with its own databases).</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServer>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "PostgreSQL";
}
