using System.CommandLine;
using PosFleet.Cli.Commands;
using PosFleet.Sync.Changes;

namespace PosFleet.Cli.Sync;

/// <summary>
/// <c>posfleet changes keygen</c>: the back office's key pair for signing change files (ECDSA P-256). The private key is
/// written readable by its owner only and never printed; an existing file is never replaced.
/// </summary>
internal static class ChangesKeygenCommand
{
    public static Command Create()
    {
        var privateKey = new Option<FileInfo>("--private-key") { Description = "Where to write the private key (PEM, mode 0600): the back office's, for 'changes export --signing-key'.", Required = true };
        var publicKey = new Option<FileInfo>("--public-key") { Description = "Where to write the public key (PEM): the terminals', for 'changes import --verification-key'.", Required = true };
        var command = new Command("keygen", "Creates the key pair that signs change files: a private key for the back office, a public key for the terminals.") { privateKey, publicKey };
        command.SetAction(parse =>
        {
            var privatePath = parse.GetValue(privateKey)!.FullName;
            var publicPath = parse.GetValue(publicKey)!.FullName;
            if (string.Equals(privatePath, publicPath, StringComparison.Ordinal))
            {
                return ScanCommand.Fail(ExitCodes.Usage, "--private-key and --public-key name the same file; give two.");
            }

            foreach (var path in new[] { privatePath, publicPath })
            {
                if (File.Exists(path))
                {
                    return ScanCommand.Fail(ExitCodes.Usage, $"'{path}' exists; keygen never replaces a key (terminals trust the one they have): remove it first, or name another file.");
                }
            }

            var pair = ChangeFileKeys.Create();
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var writer = new StreamWriter(privatePath, options))
                {
                    writer.Write(pair.PrivateKeyPem);
                    writer.WriteLine();
                }

                File.WriteAllText(publicPath, pair.PublicKeyPem + Environment.NewLine);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return ScanCommand.Fail(ExitCodes.Usage, $"The key files cannot be written ({ex.Message}).");
            }

            Console.Out.WriteLine(DisplayText.Escape(
                $"Created signing key {pair.KeyId}: private key in {privatePath} (owner-only; keep it on the back office, give it to 'changes export --signing-key'), public key in {publicPath} (give it to the terminals, 'changes import --verification-key')."));
            return ExitCodes.Success;
        });
        return command;
    }
}
