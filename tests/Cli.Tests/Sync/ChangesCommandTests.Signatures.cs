namespace PosFleet.Cli.Tests.Sync;

/// <summary>Signed change files: keygen, and every file a terminal must refuse before importing anything (exit code 13).</summary>
public sealed partial class ChangesCommandTests
{
    [Fact]
    public async Task Keygen_TwoFiles_PrivateKeyOwnerOnlyNeverPrintedAndNotReplacedAfterwards()
    {
        var privateKey = Path.Combine(_dir.Path, "bo.key");
        var publicKey = Path.Combine(_dir.Path, "bo.pub");

        var keygen = await PosFleetProcess.RunAsync("changes", "keygen", "--private-key", privateKey, "--public-key", publicKey);
        var written = await File.ReadAllTextAsync(privateKey);
        var again = await PosFleetProcess.RunAsync("changes", "keygen", "--private-key", privateKey, "--public-key", Path.Combine(_dir.Path, "other.pub"));

        Assert.Equal(0, keygen.ExitCode);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", written, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", await File.ReadAllTextAsync(publicKey), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privateKey));
        }

        var body = written.Split('\n')[1];
        Assert.DoesNotContain(body, keygen.Stdout + keygen.Stderr, StringComparison.Ordinal);
        Assert.Matches("Created signing key [0-9a-f]{16}", keygen.Stdout);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("never replaces a key", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(written, await File.ReadAllTextAsync(privateKey));
    }

    [Theory]
    [InlineData("body")]
    [InlineData("signature")]
    [InlineData("last byte")]
    public async Task Import_SignedFileWithOneByteChanged_RefusedExitCode13NothingImported(string where)
    {
        var file = await PrepareAndExportAsync();
        var bytes = await File.ReadAllBytesAsync(file);
        var at = where switch { "body" => bytes.Length / 2, "signature" => 40, _ => bytes.Length - 1 };
        bytes[at] ^= 0x01;
        await File.WriteAllBytesAsync(file, bytes);

        var import = await ImportAsync(file, "till-1", "ACME");

        Assert.Equal(13, import.ExitCode);
        Assert.Matches("does not match its signature|damaged signature line", import.Stderr);
        Assert.Contains("Nothing was imported", import.Stderr, StringComparison.Ordinal);
        Assert.Empty(SyncFiles.Rows(_till, "SELECT id FROM items"));
        Assert.Equal(0, await CheckpointAsync());
    }

    [Fact]
    public async Task Import_FileSignedByAnotherKey_RefusedExitCode13NamingBothKeys()
    {
        var file = await PrepareAndExportAsync();
        var other = PosFleet.Sync.Changes.ChangeFileKeys.Create();
        var otherPublic = Path.Combine(_dir.Path, "other.pub");
        await File.WriteAllTextAsync(otherPublic, other.PublicKeyPem);

        var import = await PosFleetProcess.RunAsync("changes", "import", "--store", _till, "--tables", _tables, "--terminal", "till-1", "--organization", "ACME", "--verification-key", otherPublic, file);

        Assert.Equal(13, import.ExitCode);
        Assert.Contains($"not by the back office key this terminal trusts ({other.KeyId})", import.Stderr, StringComparison.Ordinal);
        Assert.Empty(SyncFiles.Rows(_till, "SELECT id FROM items"));
    }

    [Fact]
    public async Task Import_UnsignedFile_RefusedExitCode13UnlessUnsignedFilesAreAllowed()
    {
        var file = await PrepareAndExportAsync(signed: false);

        var refused = await ImportAsync(file, "till-1", "ACME");
        var nothing = SyncFiles.Rows(_till, "SELECT id FROM items");
        var allowed = await ImportAsync(file, "till-1", "ACME", "--allow-unsigned");

        Assert.Equal(13, refused.ExitCode);
        Assert.Contains("is not signed", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-unsigned", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty(nothing);
        Assert.Equal(0, allowed.ExitCode);
        Assert.Equal(["1", "2"], SyncFiles.Rows(_till, "SELECT id FROM items ORDER BY id"));
    }

    [Fact]
    public async Task Export_NeitherSigningKeyNorUnsigned_ExitCode2NothingWritten()
    {
        await SyncFiles.CreateStoreWithHostTablesAsync(_backOffice);
        var file = Path.Combine(_dir.Path, "x.gz");

        var export = await PosFleetProcess.RunAsync("changes", "export", "--store", _backOffice, "--tables", _tables, "--organization", "ACME", "--terminal", "till-1", "--out", file);
        var publicAsPrivate = await PosFleetProcess.RunAsync("changes", "export", "--store", _backOffice, "--tables", _tables, "--organization", "ACME", "--terminal", "till-1", "--out", file, "--signing-key", _publicKey);

        Assert.Equal(2, export.ExitCode);
        Assert.Contains("--signing-key FILE", export.Stderr, StringComparison.Ordinal);
        Assert.Equal(4, publicAsPrivate.ExitCode);
        Assert.Contains("is not a private key", publicAsPrivate.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain((await File.ReadAllTextAsync(_publicKey)).Split('\n')[1], publicAsPrivate.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    private async Task<long> CheckpointAsync()
    {
        var show = await PosFleetProcess.RunAsync("terminal", "show", "--store", _till, "--terminal", "till-1", "--organization", "ACME");
        return long.Parse(show.Stdout.Split('\n').Single(l => l.StartsWith("checkpoint ", StringComparison.Ordinal))["checkpoint ".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
