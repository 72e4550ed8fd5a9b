using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Cli.Commands;
using PosFleet.Sync.Changes;

namespace PosFleet.Cli.Sync;

/// <summary>
/// <c>posfleet changes export|import</c>: a change batch file for a till with no network at all, carried on a USB key
/// (<see cref="ChangeBatchFile"/>). The host's table declarations come from <c>--tables tables.json</c>.
/// </summary>
internal static class ChangesCommand
{
    public static Command Create() => new("changes", "Export the host's table changes for a terminal to a file, and import that file on the terminal (no network needed).")
    {
        Export(), Import(),
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
        var command = new Command("export", "Writes the changes of an organization since a terminal's checkpoint to a file.") { store, tables, organization, terminal, since, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(since) < 0)
            {
                return ScanCommand.Fail(ExitCodes.Usage, "--since must be 0 or a checkpoint a terminal reported.");
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
                        access.Services.GetRequiredService<IChangeExporter>(), path, parse.GetValue(organization)!, parse.GetValue(terminal)!, parse.GetValue(since), cancellationToken);
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Exported {summary.Rows} changes in {summary.Batches} batches of '{DisplayText.Escape(parse.GetValue(organization))}' for terminal '{DisplayText.Escape(parse.GetValue(terminal))}' since checkpoint {parse.GetValue(since)} to {path}; new checkpoint {summary.Checkpoint}."));
                    return ExitCodes.Success;
                }
                catch (PosFleetStorageException ex)
                {
                    return ScanCommand.Fail(ExitCodes.StoreUnavailable, ex.Message);
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
        var command = new Command("import", "Imports a change batch file into a terminal's store; importing it again writes nothing.") { store, tables, terminal, organization, file };
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
                    var summary = await ChangeBatchFile.ImportAsync(importer, input.FullName, cancellationToken);
                    var what = summary.Checkpoint <= before
                        ? string.Create(CultureInfo.InvariantCulture, $"nothing new (this terminal already holds checkpoint {before})")
                        : string.Create(CultureInfo.InvariantCulture, $"{summary.Rows} changes in {summary.Batches} batches; checkpoint {before} -> {summary.Checkpoint}");
                    Console.Out.WriteLine(DisplayText.Escape($"Imported {input.FullName}: {what}."));
                    return ExitCodes.Success;
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
