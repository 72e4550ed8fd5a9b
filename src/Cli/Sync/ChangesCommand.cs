using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Cli.Commands;
using PosFleet.Sync.Changes;

namespace PosFleet.Cli.Sync;

/// <summary>
/// <c>posfleet changes export|import</c>: a change batch file for a till with no network at all, carried on a USB key
/// (<see cref="ChangeBatchFile"/>). The host's table declarations come from <c>--tables tables.json</c>.
/// </summary>
internal static class ChangesCommand
{
    public static Command Create() => new("changes", "Export the host's table changes for a terminal to a signed file, and import that file on the terminal (no network needed).")
    {
        Export(), Import(), ChangesKeygenCommand.Create(),
    };

    private static Option<FileInfo> TablesOption() => new("--tables") { Description = "The host's table declarations (JSON; see the README).", Required = true };

    private static Command Export()
    {
        var store = StoreAccess.StoreOption();
        var tables = TablesOption();
        var organization = new Option<string>("--organization") { Description = "The organization (company folder) whose changes are exported.", Required = true };
        var terminal = new Option<string>("--terminal") { Description = "The terminal the file is for: rows assigned to other terminals go as removals.", Required = true };
        var since = new Option<long>("--since") { Description = "The terminal's checkpoint ('posfleet terminal show'); 0 exports everything.", DefaultValueFactory = _ => 0 };
        var output = new Option<FileInfo>("--out") { Description = "The file to write (gzip-compressed JSON lines).", Required = true };
        var signingKey = new Option<FileInfo?>("--signing-key") { Description = "The back office's private key file ('posfleet changes keygen'): the file is signed with it." };
        var unsigned = new Option<bool>("--unsigned") { Description = "Writes the file unsigned (terminals refuse it unless they allow unsigned files)." };
        var command = new Command("export", "Writes the changes of an organization since a terminal's checkpoint to a signed file.") { store, tables, organization, terminal, since, output, signingKey, unsigned };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(since) < 0)
            {
                return ScanCommand.Fail(ExitCodes.Usage, "--since must be 0 or a checkpoint a terminal reported.");
            }

            var key = parse.GetValue(signingKey);
            if ((key is null) == !parse.GetValue(unsigned))
            {
                return ScanCommand.Fail(ExitCodes.Usage, key is null
                    ? "changes export signs the file: give --signing-key FILE (the back office's private key, 'posfleet changes keygen'), or --unsigned to write it unsigned."
                    : "--signing-key and --unsigned contradict each other: give one.");
            }

            var (declared, code) = SyncTablesFile.Read(parse.GetValue(tables)!);
            if (declared is null)
            {
                return code;
            }

            (var access, code) = SyncStores.OpenBackOffice(parse.GetValue(store)!, create: false, declared);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                var path = parse.GetValue(output)!.FullName;
                try
                {
                    var summary = await ChangeBatchFile.ExportAsync(
                        access.Services.GetRequiredService<IChangeExporter>(), path, parse.GetValue(organization)!, parse.GetValue(terminal)!, parse.GetValue(since),
                        new ChangeFileOptions { SigningKeyFile = key?.FullName }, cancellationToken);
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Exported {summary.Rows} changes in {summary.Batches} batches of '{DisplayText.Escape(parse.GetValue(organization))}' for terminal '{DisplayText.Escape(parse.GetValue(terminal))}' since checkpoint {parse.GetValue(since)} to {path}; new checkpoint {summary.Checkpoint}."));
                    return ExitCodes.Success;
                }
                catch (PosFleetStorageException ex)
                {
                    return ScanCommand.Fail(ExitCodes.StoreUnavailable, ex.Message);
                }
                catch (OptionsValidationException ex)
                {
                    return ScanCommand.Fail(ExitCodes.InvalidConfiguration, $"--signing-key: {ex.Message} Nothing was written.");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return ScanCommand.Fail(ExitCodes.Usage, $"--out: '{path}' cannot be written ({ex.Message}).");
                }
            }
        });
        return command;
    }

    private static Command Import()
    {
        var store = StoreAccess.StoreOption();
        var tables = TablesOption();
        var terminal = new Option<string>("--terminal") { Description = "This terminal's id: rows assigned to other terminals are removed.", Required = true };
        var organization = new Option<string>("--organization") { Description = "This terminal's organization: a file of another one is refused.", Required = true };
        var file = new Argument<FileInfo>("file") { Description = "The change batch file written by 'posfleet changes export'." };
        var verificationKey = new Option<FileInfo?>("--verification-key") { Description = "The back office's public key file: only files it signed are imported." };
        var allowUnsigned = new Option<bool>("--allow-unsigned") { Description = "Also imports files that are not signed (or when no --verification-key is given); a file signed by another key or changed after signing is refused even so." };
        var command = new Command("import", "Imports a signed change batch file into a terminal's store; importing it again writes nothing.") { store, tables, terminal, organization, file, verificationKey, allowUnsigned };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = parse.GetValue(file)!;
            if (!input.Exists)
            {
                return ScanCommand.Fail(ExitCodes.UnreadableInput, $"The change file '{input.FullName}' does not exist.");
            }

            var (declared, code) = SyncTablesFile.Read(parse.GetValue(tables)!);
            if (declared is null)
            {
                return code;
            }

            (var access, code) = SyncStores.OpenTerminal(parse.GetValue(store)!, create: false, parse.GetValue(terminal)!, parse.GetValue(organization)!, declared);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                var importer = access.Services.GetRequiredService<IChangeImporter>();
                var before = await importer.GetCheckpointAsync(parse.GetValue(organization)!, cancellationToken);
                try
                {
                    var signature = new ChangeFileOptions { VerificationKeyFile = parse.GetValue(verificationKey)?.FullName, AllowUnsigned = parse.GetValue(allowUnsigned) };
                    var summary = await ChangeBatchFile.ImportAsync(importer, input.FullName, signature, cancellationToken);
                    var what = summary.Checkpoint <= before
                        ? string.Create(CultureInfo.InvariantCulture, $"nothing new (this terminal already holds checkpoint {before})")
                        : string.Create(CultureInfo.InvariantCulture, $"{summary.Rows} changes in {summary.Batches} batches; checkpoint {before} -> {summary.Checkpoint}");
                    Console.Out.WriteLine(DisplayText.Escape($"Imported {input.FullName}: {what}."));
                    return ExitCodes.Success;
                }
                catch (ChangeFileSignatureException ex)
                {
                    return ScanCommand.Fail(ExitCodes.SignatureRefused, ex.Message);
                }
                catch (OptionsValidationException ex)
                {
                    return ScanCommand.Fail(ExitCodes.InvalidConfiguration, $"--verification-key: {ex.Message} Nothing was imported.");
                }
                catch (InvalidDataException ex)
                {
                    return ScanCommand.Fail(ExitCodes.UnreadableInput, $"{ex.Message} Nothing of it was imported past the last whole batch.");
                }
                catch (InvalidOperationException ex)
                {
                    return ScanCommand.Fail(SyncStores.Refused, $"'{input.FullName}' was refused: {ex.Message}");
                }
                catch (PosFleetStorageException ex)
                {
                    return ScanCommand.Fail(ExitCodes.StoreUnavailable, ex.Message);
                }
            }
        });
        return command;
    }
}
