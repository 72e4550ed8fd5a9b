using System.Text.Json;
using System.Text.Json.Serialization;
using PosFleet.Sync.Changes;

namespace PosFleet.Cli.Sync;

/// <summary>
/// <c>--tables tables.json</c>: the host's table declarations for the commands that export or import changes, since
/// the tool has no host code. The same fields as <see cref="SyncTable"/>; an unknown field, a missing one or a custom
/// conflict policy (its resolver is host code) is refused naming the file, and the declarations are then checked by
/// the same validator a host's start-up runs.
/// </summary>
internal static class SyncTablesFile
{
    /// <summary>Reads the declarations, or writes why they cannot be used and returns the exit code.</summary>
    public static (IReadOnlyList<SyncTable>? Tables, int ExitCode) Read(FileInfo file)
    {
        if (!file.Exists)
        {
            return (null, Fail(ExitCodes.UnreadableInput, $"The tables file '{file.FullName}' does not exist: write the host's table declarations there (see 'posfleet changes --help' and the README)."));
        }

        TablesFileModel? model;
        try
        {
            using var stream = file.OpenRead();
            model = JsonSerializer.Deserialize(stream, SyncTablesFileJsonContext.Default.TablesFileModel);
        }
        catch (JsonException ex)
        {
            return (null, Fail(ExitCodes.InvalidConfiguration, $"The tables file '{file.FullName}' is not valid: {ex.Message}"));
        }
        catch (IOException ex)
        {
            return (null, Fail(ExitCodes.UnreadableInput, $"The tables file '{file.FullName}' cannot be read: {ex.Message}"));
        }

        if (model is null || model.Tables.Count == 0)
        {
            return (null, Fail(ExitCodes.InvalidConfiguration, $"The tables file '{file.FullName}' declares no table: add at least one to \"tables\"."));
        }

        var tables = new List<SyncTable>();
        foreach (var t in model.Tables)
        {
            if (t.ConflictPolicy == SyncConflictPolicy.Custom)
            {
                return (null, Fail(ExitCodes.InvalidConfiguration, $"The tables file '{file.FullName}': table '{t.Name}' asks for the custom conflict policy, whose resolver only host code can supply: use serverWins, clientWins or appendOnly."));
            }

            tables.Add(new SyncTable
            {
                Name = t.Name,
                KeyColumns = t.Key,
                Columns = t.Columns ?? [],
                OrganizationColumn = t.OrganizationColumn,
                TerminalColumn = t.TerminalColumn,
                ConflictPolicy = t.ConflictPolicy,
            });
        }

        return (tables, ExitCodes.Success);
    }

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"posfleet: {DisplayText.Escape(message)}");
        return code;
    }
}
