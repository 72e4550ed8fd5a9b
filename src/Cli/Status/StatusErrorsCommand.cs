using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PosFleet.Cli.Commands;
using PosFleet.Status;

namespace PosFleet.Cli.Status;

/// <summary>
/// <c>posfleet status errors --terminal ID</c>: a terminal's sync error history as the back office keeps it (bounded
/// per terminal, purged by age), newest first, in pages, through <see cref="IStatusBoard.GetSyncErrorsAsync"/>. The
/// same store option, exit codes and escaping as <c>posfleet status</c>.
/// </summary>
internal static class StatusErrorsCommand
{
    public static Command Create()
    {
        var store = StoreAccess.StoreOption();
        var terminal = new Option<string>("--terminal") { Description = "The terminal whose sync errors are shown.", Required = true };
        var organization = new Option<string?>("--organization") { Description = "Only the errors recorded for this organization." };
        var limit = new Option<int>("--limit") { Description = "The most errors shown (1 to 1000); the next page's cursor follows.", DefaultValueFactory = _ => 50 };
        var after = new Option<string?>("--after") { Description = "The cursor printed after the previous page." };
        var json = new Option<bool>("--json") { Description = "Write the page as JSON." };
        var command = new Command("errors", "A terminal's sync error history, newest first.") { store, terminal, organization, limit, after, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var query = new SyncErrorQuery
            {
                TerminalId = parse.GetValue(terminal)!,
                Organization = parse.GetValue(organization),
                Limit = parse.GetValue(limit),
                After = parse.GetValue(after),
            };
            try
            {
                query.Validate();
            }
            catch (ArgumentException ex)
            {
                return ScanCommand.Fail(ExitCodes.Usage, ex.Message);
            }

            var (access, code) = StoreAccess.Open(parse.GetValue(store)!, create: false, builder =>
            {
                builder.Services.TryAddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
                builder.AddStatus();
            });
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                try
                {
                    var page = await access.Services.GetRequiredService<IStatusBoard>().GetSyncErrorsAsync(StatusBoardAccess.Everything, query, cancellationToken);
                    cancellationToken.ThrowIfCancellationRequested();
                    if (parse.GetValue(json))
                    {
                        await using var stdout = Console.OpenStandardOutput();
                        WriteJson(query.TerminalId, page, stdout);
                    }
                    else
                    {
                        WriteTable(page, Console.Out);
                    }

                    return ExitCodes.Success;
                }
                catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or PosFleetStorageException)
                {
                    return ScanCommand.Fail(ExitCodes.Canceled, "interrupted.");
                }
                catch (PosFleetStorageException ex)
                {
                    return ScanCommand.Fail(ExitCodes.StoreUnavailable, ex.Message);
                }
            }
        });
        return command;
    }

    private static void WriteTable(SyncErrorPage page, TextWriter o)
    {
        o.WriteLine($"{"RECEIVED (UTC)",-20} {"ORGANIZATION",-14} ERROR");
        foreach (var e in page.Errors)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.ReceivedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z {DisplayText.Escape(e.Organization),-14} {DisplayText.Escape(e.Error)}"));
        }

        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{page.Errors.Count} errors."));
        if (page.Next is not null)
        {
            o.WriteLine($"More: --after {page.Next}");
        }
    }

    private static void WriteJson(string terminal, SyncErrorPage page, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("terminal", terminal);
        w.WriteStartArray("errors");
        foreach (var e in page.Errors)
        {
            w.WriteStartObject();
            w.WriteString("receivedAt", e.ReceivedAt);
            w.WriteString("organization", e.Organization);
            w.WriteString("error", e.Error);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("next", page.Next);
        w.WriteEndObject();
    }
}
