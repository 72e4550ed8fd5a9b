using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Cli.Commands;
using PosFleet.Sync.Changes;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;

namespace PosFleet.Cli.Sync;

/// <summary><c>posfleet terminal enrol|revoke|list|show</c>: terminal identities on the back office, a till's sync state.</summary>
internal static class TerminalCommand
{
    public static Command Create() => new("terminal", "Terminals: enrol (issue a credential), revoke, list on the back office; show a till's checkpoint and outbox.")
    {
        Enrol(), Revoke(), List(), Show(),
    };

    private static Option<string> TerminalOption() => new("--terminal") { Description = "The terminal's id.", Required = true };

    private static Option<string> OrganizationOption(string description) => new("--organization") { Description = description, Required = true };

    private static Command Enrol()
    {
        var store = StoreAccess.StoreOption();
        var terminal = TerminalOption();
        var organization = OrganizationOption("The organization the terminal belongs to (the only one it can sync).");
        var file = new Option<FileInfo?>("--credential-file") { Description = "Write the credential to this file (mode 0600) instead of standard output." };
        var command = new Command("enrol", "Issues a new credential for a terminal (replacing any earlier one) and prints it once; the back office keeps only its hash.")
        {
            store, terminal, organization, file,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var id = parse.GetValue(terminal)!;
            var org = parse.GetValue(organization)!;
            var target = parse.GetValue(file);
            if (target is not null && !(target.Directory?.Exists ?? false))
            {
                return ScanCommand.Fail(ExitCodes.Usage, $"--credential-file: the folder '{target.DirectoryName}' does not exist.");
            }

            var (access, code) = SyncStores.OpenBackOffice(parse.GetValue(store)!, create: true);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                TerminalEnrolment enrolment;
                try
                {
                    enrolment = await access.Services.GetRequiredService<ITerminalRegistry>().EnrolAsync(id, org, cancellationToken);
                }
                catch (PosFleetStorageException ex)
                {
                    return ScanCommand.Fail(ExitCodes.StoreUnavailable, ex.Message);
                }
                catch (ArgumentException ex)
                {
                    return ScanCommand.Fail(ExitCodes.Usage, ex.Message);
                }

                if (target is null)
                {
                    Console.Error.WriteLine($"posfleet: enrolled terminal '{DisplayText.Escape(id)}' in '{DisplayText.Escape(org)}'; its credential follows, shown this once: give it to the terminal's configuration (PosFleet:Sync:Credential).");
                    Console.Out.WriteLine(enrolment.Credential);
                    return ExitCodes.Success;
                }

                try
                {
                    CredentialFile.Write(target.FullName, enrolment.Credential);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    return ScanCommand.Fail(ExitCodes.Usage, $"--credential-file: '{target.FullName}' cannot be written ({ex.Message}); enrol the terminal again with a writable file.");
                }

                Console.Out.WriteLine($"Enrolled terminal '{DisplayText.Escape(id)}' in '{DisplayText.Escape(org)}'; its credential is in {target.FullName} (readable by you only).");
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command Revoke()
    {
        var store = StoreAccess.StoreOption();
        var terminal = TerminalOption();
        var command = new Command("revoke", "Revokes a terminal's credential: its next exchange is refused (401) until it is enrolled again.") { store, terminal };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (access, code) = SyncStores.OpenBackOffice(parse.GetValue(store)!, create: false);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                var id = parse.GetValue(terminal)!;
                if (!await access.Services.GetRequiredService<ITerminalRegistry>().RevokeAsync(id, cancellationToken))
                {
                    return ScanCommand.Fail(ExitCodes.Usage, $"There is no enrolled terminal '{id}' (or it is already revoked): 'posfleet terminal list' shows them.");
                }

                Console.Out.WriteLine($"Revoked terminal '{DisplayText.Escape(id)}'.");
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command List()
    {
        var store = StoreAccess.StoreOption();
        var organization = new Option<string?>("--organization") { Description = "Only this organization's terminals." };
        var command = new Command("list", "Lists the enrolled terminals: organization, when enrolled, revoked or not (never a credential).") { store, organization };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (access, code) = SyncStores.OpenBackOffice(parse.GetValue(store)!, create: false);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                var records = await access.Services.GetRequiredService<ITerminalCredentialStore>().ListAsync(parse.GetValue(organization), cancellationToken);
                if (records.Count == 0)
                {
                    Console.Out.WriteLine("No terminal is enrolled.");
                }

                foreach (var r in records)
                {
                    var state = r.RevokedAt is { } at ? string.Create(CultureInfo.InvariantCulture, $"revoked {at.UtcDateTime:yyyy-MM-dd HH:mm}Z") : "active";
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DisplayText.Escape(r.TerminalId)}  {DisplayText.Escape(r.Organization)}  enrolled {r.IssuedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z  {state}"));
                }

                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command Show()
    {
        var store = StoreAccess.StoreOption();
        var terminal = TerminalOption();
        var organization = OrganizationOption("The terminal's organization (whose change checkpoint is shown).");
        var command = new Command(
            "show",
            "A terminal's sync state: from the till's store, its change checkpoint, outbox depth and the messages the back office rejected; from the back office's store, also its dead letters (count, last reason).")
        { store, terminal, organization };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var id = parse.GetValue(terminal)!;
            var org = parse.GetValue(organization)!;
            var (access, code) = SyncStores.OpenTerminal(parse.GetValue(store)!, create: false, id, org);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                try
                {
                    var checkpoint = await access.Services.GetRequiredService<IChangeImporter>().GetCheckpointAsync(org, cancellationToken);
                    var depth = await access.Services.GetRequiredService<IOutbox>().CountAsync(cancellationToken);
                    Console.Out.WriteLine($"terminal {DisplayText.Escape(id)}");
                    Console.Out.WriteLine($"organization {DisplayText.Escape(org)}");
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checkpoint {checkpoint}"));
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"outbox {depth}"));
                    await WriteRejectedAsync(access.Services, id, cancellationToken);
                    Console.Out.WriteLine("last sync: not stored (the agent keeps its last outcome in memory; the back office's status board shows it)");
                    return ExitCodes.Success;
                }
                catch (PosFleetStorageException ex)
                {
                    return ScanCommand.Fail(ExitCodes.StoreUnavailable, ex.Message);
                }
            }
        });
        return command;
    }

    /// <summary>
    /// The messages the back office rejected, kept on the till; and on a back office's store (where the terminal is
    /// enrolled) the dead letters it keeps for that terminal. Reasons come from handlers and are shown escaped.
    /// </summary>
    private static async Task WriteRejectedAsync(IServiceProvider services, string terminal, CancellationToken cancellationToken)
    {
        var outbox = services.GetRequiredService<IOutbox>();
        var rejected = await outbox.CountRejectedAsync(cancellationToken);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rejected {rejected}"));
        if (rejected > 0 && (await outbox.ListRejectedAsync(1, cancellationToken)) is [var last])
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rejected last: {last.RejectedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z {DisplayText.Escape(last.Message.Type)} {last.Message.Id}: {DisplayText.Escape(last.Reason)}"));
        }

        if (await services.GetRequiredService<ITerminalCredentialStore>().GetAsync(terminal, cancellationToken) is null)
        {
            return;
        }

        var inbox = services.GetRequiredService<ISyncInboxStore>();
        var deadLetters = await inbox.CountDeadLettersAsync(terminal, cancellationToken);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dead letters {deadLetters}"));
        if (deadLetters > 0 && (await inbox.ListDeadLettersAsync(terminal, 1, cancellationToken)) is [var letter])
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dead letters last: {letter.RejectedAt.UtcDateTime:yyyy-MM-dd HH:mm}Z {DisplayText.Escape(letter.Type)} {letter.MessageId}: {DisplayText.Escape(letter.Reason)}"));
        }
    }
}
