namespace PosFleet.Cli.Tests.Sync;

/// <summary>
/// <c>posfleet changes export|import</c>: a change file carried from the back office to a till with no network, the
/// tool run as a process on real SQLite files.
/// </summary>
public sealed partial class ChangesCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _backOffice;
    private readonly string _till;
    private readonly string _tables;
    private readonly string _privateKey;
    private readonly string _publicKey;

    public ChangesCommandTests()
    {
        _backOffice = Path.Combine(_dir.Path, "backoffice.db");
        _till = Path.Combine(_dir.Path, "till.db");
        _tables = Path.Combine(_dir.Path, "tables.json");
        File.WriteAllText(_tables, SyncFiles.TablesJson);
        (_privateKey, _publicKey) = (Path.Combine(_dir.Path, "signing.key"), Path.Combine(_dir.Path, "signing.pub"));
        var pair = PosFleet.Sync.Changes.ChangeFileKeys.Create(); // 'changes keygen' itself: ChangesCommandTests.Signatures.cs
        File.WriteAllText(_privateKey, pair.PrivateKeyPem);
        File.WriteAllText(_publicKey, pair.PublicKeyPem);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ExportImport_OwnOrganization_TerminalHasItsRowsOnly()
    {
        var file = await PrepareAndExportAsync();

        var import = await ImportAsync(file, "till-1", "ACME");

        Assert.Equal(0, import.ExitCode);
        Assert.Equal(["1|Coffee|1.5", "2|Tea|1.2"], SyncFiles.Rows(_till, "SELECT id, name, price FROM items ORDER BY id"));
        Assert.Equal(["10|Ana"], SyncFiles.Rows(_till, "SELECT id, name FROM users ORDER BY id"));
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondWritesNothing()
    {
        var file = await PrepareAndExportAsync();
        await ImportAsync(file, "till-1", "ACME");
        SyncFiles.Execute(_till, "UPDATE items SET price = 9.9 WHERE id = 1");    // a local edit the replay must not undo

        var again = await ImportAsync(file, "till-1", "ACME");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing new", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(["1|9.9", "2|1.2"], SyncFiles.Rows(_till, "SELECT id, price FROM items ORDER BY id"));
    }

    [Fact]
    public async Task ExportSince_Checkpoint_CarriesOnlyTheNewPrice()
    {
        var file = await PrepareAndExportAsync();
        await ImportAsync(file, "till-1", "ACME");
        var checkpoint = (await PosFleetProcess.RunAsync("terminal", "show", "--store", _till, "--terminal", "till-1", "--organization", "ACME"))
            .Stdout.Split('\n').Single(l => l.StartsWith("checkpoint ", StringComparison.Ordinal))["checkpoint ".Length..].Trim();
        SyncFiles.Execute(_backOffice, "UPDATE items SET price = 1.7 WHERE id = 1");

        var second = Path.Combine(_dir.Path, "second.gz");
        var export = await PosFleetProcess.RunAsync("changes", "export", "--store", _backOffice, "--tables", _tables, "--organization", "ACME", "--terminal", "till-1", "--since", checkpoint, "--out", second, "--signing-key", _privateKey);
        var import = await ImportAsync(second, "till-1", "ACME");

        Assert.Equal(0, export.ExitCode);
        Assert.Contains("Exported 1 changes", export.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, import.ExitCode);
        Assert.Equal(["1|1.7", "2|1.2"], SyncFiles.Rows(_till, "SELECT id, price FROM items ORDER BY id"));
    }

    [Fact]
    public async Task Import_OtherOrganizationsFile_RefusedExitCode12NothingWritten()
    {
        var file = await PrepareAndExportAsync();

        var import = await ImportAsync(file, "till-1", "GLOBEX");

        Assert.Equal(12, import.ExitCode);
        Assert.Contains("organization 'ACME'", import.Stderr, StringComparison.Ordinal);
        Assert.Contains("belongs to 'GLOBEX'", import.Stderr, StringComparison.Ordinal);
        Assert.Empty(SyncFiles.Rows(_till, "SELECT id FROM items"));
    }

    [Fact]
    public async Task Import_UnsignedFileAllowedButDamaged_RefusedExitCode3NothingWritten()
    {
        var file = await PrepareAndExportAsync(signed: false);
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[bytes.Length / 2] ^= 0x5A;                                       // a flipped byte on the key: gzip's CRC no longer matches
        await File.WriteAllBytesAsync(file, bytes);

        var import = await ImportAsync(file, "till-1", "ACME", "--allow-unsigned");

        Assert.Equal(3, import.ExitCode);
        Assert.Contains("not a complete change batch file", import.Stderr, StringComparison.Ordinal);
        Assert.Empty(SyncFiles.Rows(_till, "SELECT id FROM items"));
    }

    [Fact]
    public async Task Export_InvalidTablesFile_ExitCode4NamingTheField()
    {
        await SyncFiles.CreateStoreWithHostTablesAsync(_backOffice);
        await File.WriteAllTextAsync(_tables, """{ "tables": [ { "name": "items", "key": ["id"], "organisationColumn": "folder" } ] }""");

        var export = await PosFleetProcess.RunAsync("changes", "export", "--store", _backOffice, "--tables", _tables, "--organization", "ACME", "--terminal", "till-1", "--out", Path.Combine(_dir.Path, "x.gz"), "--signing-key", _privateKey);

        Assert.Equal(4, export.ExitCode);
        Assert.Contains("organisationColumn", export.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "x.gz")));
    }

    [Fact]
    public async Task Export_TableMissingFromStore_ExitCode4()
    {
        await SyncFiles.CreateStoreWithHostTablesAsync(_backOffice);
        await File.WriteAllTextAsync(_tables, """{ "tables": [ { "name": "prices", "key": ["id"], "organizationColumn": "folder" } ] }""");

        var export = await PosFleetProcess.RunAsync("changes", "export", "--store", _backOffice, "--tables", _tables, "--organization", "ACME", "--terminal", "till-1", "--out", Path.Combine(_dir.Path, "x.gz"), "--signing-key", _privateKey);

        Assert.NotEqual(0, export.ExitCode);
        Assert.Contains("prices", export.Stderr, StringComparison.Ordinal);
    }

    internal async Task<string> PrepareAndExportAsync(bool signed = true)
    {
        await SyncFiles.CreateStoreWithHostTablesAsync(_backOffice);
        await SyncFiles.CreateStoreWithHostTablesAsync(_till);
        SyncFiles.Execute(_backOffice, """
            INSERT INTO items VALUES (1, 'Coffee', 1.5, 'ACME'), (2, 'Tea', 1.2, 'ACME'), (3, 'Rocket', 999, 'GLOBEX');
            INSERT INTO users VALUES (10, 'Ana', 'ACME', 'till-1'), (11, 'Luis', 'ACME', 'till-2'), (12, 'Wile', 'GLOBEX', 'till-9');
            """);
        var file = Path.Combine(_dir.Path, "changes.gz");
        string[] signing = signed ? ["--signing-key", _privateKey] : ["--unsigned"];
        var export = await PosFleetProcess.RunAsync(["changes", "export", "--store", _backOffice, "--tables", _tables, "--organization", "ACME", "--terminal", "till-1", "--out", file, .. signing]);
        Assert.True(export.ExitCode == 0, export.Stderr);
        return file;
    }

    /// <summary>Imports on the till, verifying with the back office's public key (and <paramref name="extra"/> options).</summary>
    internal Task<PosFleetProcess.Result> ImportAsync(string file, string terminal, string organization, params string[] extra) =>
        PosFleetProcess.RunAsync(["changes", "import", "--store", _till, "--tables", _tables, "--terminal", terminal, "--organization", organization, "--verification-key", _publicKey, .. extra, file]);
}
