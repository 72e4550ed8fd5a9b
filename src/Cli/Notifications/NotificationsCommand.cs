using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Cli.Commands;
using PosFleet.Notifications.Engine;

namespace PosFleet.Cli.Notifications;

/// <summary><c>posfleet notifications status</c>: the delivery status of status-change notifications in the back office's store.</summary>
internal static class NotificationsCommand
{
    public static Command Create() => new("notifications", "Status-change notifications: what was queued, sent, failed (attempts, last error) or skipped (with the reason).")
    {
        Status(),
    };

    private static Command Status()
    {
        var store = StoreAccess.StoreOption();
        var organization = new Option<string>("--org", "--organization") { Description = "The organization.", Required = true };
        var state = new Option<string?>("--state") { Description = "Only pending, sent, failed or skipped." };
        state.AcceptOnlyFromAmong("pending", "sent", "failed", "skipped");
        var limit = new Option<int>("--limit") { Description = "The most records shown (default 50).", DefaultValueFactory = _ => 50 };
        var after = new Option<string?>("--after") { Description = "The cursor a previous page printed, for the next page." };
        var json = new Option<bool>("--json") { Description = "Write the page as JSON: every delivery (attempts, last error) and skip (reason), and the next page's cursor." };
        var command = new Command("status", "Lists deliveries and skips newest first: state, channel, recipient, item, when, attempts, last error or reason.")
        {
            store, organization, state, limit, after, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(store)!;
            if (!file.Exists)
            {
                return ScanCommand.Fail(ExitCodes.StoreUnavailable, $"The back office store '{file.FullName}' does not exist.");
            }

            var (access, code) = StoreAccess.Open(file, create: false, builder =>
            {
                builder.AddNotificationDeliveries(); // reads only: no directory, no notifier, no dispatcher
            });
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                try
                {
                    var page = await access.Services.GetRequiredService<INotificationDeliveries>().QueryAsync(
                        parse.GetValue(organization)!,
                        new NotificationDeliveryQuery
                        {
                            Status = parse.GetValue(state) is { } s ? Enum.Parse<NotificationStatus>(s, ignoreCase: true) : null,
                            Limit = Math.Max(1, parse.GetValue(limit)),
                            After = parse.GetValue(after),
                        },
                        cancellationToken);
                    if (parse.GetValue(json))
                    {
                        await using var stdout = Console.OpenStandardOutput();
                        NotificationJson.WritePage(page, stdout);
                        return ExitCodes.Success;
                    }

                    foreach (var r in page.Records)
                    {
                        Console.Out.WriteLine(Line(r));
                    }

                    if (page.Next is { } next)
                    {
                        Console.Out.WriteLine($"next page: --after {next}");
                    }

                    return ExitCodes.Success;
                }
                catch (ArgumentException ex)
                {
                    return ScanCommand.Fail(ExitCodes.Usage, ex.Message);
                }
                catch (PosFleetStorageException ex)
                {
                    return ScanCommand.Fail(ExitCodes.StoreUnavailable, ex.Message);
                }
            }
        });
        return command;
    }

    private static string Line(NotificationDeliveryRecord r)
    {
        var state = r.Status.ToString().ToLowerInvariant();
        var at = r.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        if (r.Delivery is { } d)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{state,-8}  {d.Channel,-6}  {DisplayText.Escape(d.RecipientId)}  {DisplayText.Escape(d.ItemKind)}/{DisplayText.Escape(d.ItemId)}  {at}Z  attempts {d.Attempts}  {DisplayText.Escape(d.LastError ?? "")}");
        }

        var k = r.Skip!;
        return string.Create(CultureInfo.InvariantCulture,
            $"{state,-8}  {k.Channel,-6}  {DisplayText.Escape(k.RecipientId)}  {DisplayText.Escape(k.ItemKind)}/{DisplayText.Escape(k.ItemId)}  {at}Z  {DisplayText.Escape(k.Reason)}");
    }
}
