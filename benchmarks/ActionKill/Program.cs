// action-kill backoffice --dir DIR --port PORT --actions N
//     A back office (MapPosFleetSync over DIR/backoffice.db, remote actions on). On first start it enrols till-1,
//     leaves its credential in DIR/terminal.credential and queues N "work" actions for it.
// action-kill terminal --dir DIR --port PORT [--seed S]
//     A terminal over DIR/terminal.db whose "work" handler prints "handler started ID", appends "start ID ATTEMPT
//     RECOVERY" to DIR/runs.log, works 40 to 100 ms, then appends "done ID" (both flushed to disk). On a recovery it
//     first appends "recover ID ATTEMPT done|redo" and finishes the work only if no "done ID" is in the log. It syncs and runs actions until the back office holds an outcome for every action it
//     queued (it asks the back office's file), then exits 0.
// action-kill logs --dir DIR --mb N
//     retrieve-logs on N MB of a week's log lines cut to 10 MB (LogRetrieval.cs).
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PosFleet;
using PosFleet.Actions;
using PosFleet.Actions.Terminal;
using PosFleet.AspNetCore;
using PosFleet.Connectors.Http;
using PosFleet.Connectors.Sqlite;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Enrolment;

var options = args.Skip(1).Select((a, i) => (a, i: i + 1)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
var dir = options["dir"];
if (args.FirstOrDefault() == "logs")
{
    return await LogRetrieval.RunAsync(dir, int.Parse(options["mb"], CultureInfo.InvariantCulture));
}

var port = int.Parse(options["port"], CultureInfo.InvariantCulture);
switch (args.FirstOrDefault())
{
    case "backoffice":
    {
        var database = Path.Combine(dir, "backoffice.db");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddPosFleet().UseSqliteStorageFile(database).AddSyncBackOffice().AddActionsBackOffice();
        await using var app = builder.Build();
        app.MapPosFleetSync();
        await app.StartAsync();
        var credentialFile = Path.Combine(dir, "terminal.credential");
        if (!File.Exists(credentialFile))
        {
            var enrolment = await app.Services.GetRequiredService<ITerminalRegistry>().EnrolAsync("till-1", "ORG-1");
            var queue = app.Services.GetRequiredService<IRemoteActionQueue>();
            for (var n = 0; n < int.Parse(options["actions"], CultureInfo.InvariantCulture); n++)
            {
                await queue.QueueAsync(new RemoteActionRequest { Organization = "ORG-1", TerminalId = "till-1", Name = "work", Parameters = new Dictionary<string, string> { ["n"] = n.ToString(CultureInfo.InvariantCulture) }, MaxAttempts = 5 });
            }

            await File.WriteAllTextAsync(credentialFile + ".tmp", enrolment.Credential);
            File.Move(credentialFile + ".tmp", credentialFile, overwrite: true);
        }

        await File.WriteAllTextAsync(Path.Combine(dir, "backoffice.ready"), "");
        await app.WaitForShutdownAsync();
        return 0;
    }

    case "terminal":
    {
        var seed = options.TryGetValue("seed", out var s) ? int.Parse(s, CultureInfo.InvariantCulture) : Environment.ProcessId;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddPosFleet(o => (o.TerminalId, o.Organization) = ("till-1", "ORG-1"))
            .UseSqliteStorageFile(Path.Combine(dir, "terminal.db"))
            .AddSyncAgent(o =>
            {
                o.Credential = File.ReadAllText(Path.Combine(dir, "terminal.credential"));
                o.ApplicationVersion = "34.0";
                o.EnableBackground = false;
            })
            .UseHttpSyncTransport(o =>
            {
                o.BackOfficeUri = new Uri($"http://127.0.0.1:{port}{SyncEndpointRouteBuilderExtensions.DefaultPattern}");
                o.AllowInsecureHttp = true;
                o.MaxRetryAttempts = 2;
                o.RetryDelay = TimeSpan.FromMilliseconds(20);
                o.BreakDuration = TimeSpan.FromMilliseconds(500);
            })
            .AddActionsAgent(o =>
            {
                o.EnableBackground = false;
                o.RetryDelay = TimeSpan.Zero;
                o.WorkDirectory = Path.Combine(dir, "work");
            })
            .AddActionHandler("work", new WorkHandler(Path.Combine(dir, "runs.log"), new Random(seed)));
        using var host = builder.Build();
        await host.StartAsync();
        var agent = host.Services.GetRequiredService<ISyncAgent>();
        var runner = host.Services.GetRequiredService<IRemoteActionRunner>();
        while (true)
        {
            var outcome = await agent.SyncNowAsync();
            if (outcome.Status != SyncOutcomeStatus.Succeeded)
            {
                Console.WriteLine($"sync: {outcome.Status}: {outcome.Error}");
                await Task.Delay(50);
                continue;
            }

            var ran = await runner.RunPendingAsync();
            if (ran == 0 && Open(dir) == 0)
            {
                break;
            }
        }

        Console.WriteLine("done: every action has its outcome in the back office");
        await host.StopAsync();
        return 0;
    }

    default:
        Console.Error.WriteLine("usage: action-kill backoffice|terminal (see Program.cs)");
        return 2;
}

// Actions the back office has not yet recorded an outcome for (read straight from its file).
static long Open(string dir)
{
    using var connection = new SqliteConnection($"Data Source={Path.Combine(dir, "backoffice.db")};Mode=ReadOnly");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT count(*) FROM remote_actions WHERE state < 3";
    return (long)command.ExecuteScalar()!;
}

/// <summary>Appends its start and its end to the runs log (flushed to disk), working a few milliseconds in between.</summary>
internal sealed class WorkHandler(string log, Random random) : IRemoteActionHandler
{
    public async ValueTask<RemoteActionOutcome> RunAsync(RemoteActionContext context, CancellationToken cancellationToken)
    {
        // The script waits for this line to kill the terminal inside a handler (stdout is flushed on every line).
        Console.WriteLine($"handler started {context.ActionId}");
        if (context.IsRecovery)
        {
            var done = File.Exists(log) && File.ReadLines(log).Contains($"done {context.ActionId}");
            Append($"recover {context.ActionId} {context.Attempt} {(done ? "done" : "redo")}");
            if (done)
            {
                return RemoteActionOutcome.Succeeded("recovered: the work was already done");
            }
        }

        Append($"start {context.ActionId} {context.Attempt} {(context.IsRecovery ? 1 : 0)}");
        await Task.Delay(random.Next(40, 100), cancellationToken);
        Append($"done {context.ActionId}");
        return RemoteActionOutcome.Succeeded("worked");
    }

    private void Append(string line)
    {
        using var file = new FileStream(log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        file.Write(System.Text.Encoding.ASCII.GetBytes(line + "\n"));
        file.Flush(flushToDisk: true);
    }
}
