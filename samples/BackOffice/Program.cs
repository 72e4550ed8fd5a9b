using PosFleet;
using PosFleet.Actions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PosFleet.AspNetCore;
using PosFleet.AspNetCore.BackOffice;
using PosFleet.Connectors.Email;
using PosFleet.Connectors.PostgreSql;
using PosFleet.Connectors.Sqlite;
using PosFleet.Digests;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Storage;
using PosFleet.Logs.Retention;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;
using PosFleet.Samples.BackOffice;
using PosFleet.Status;
using PosFleet.Sync;
using PosFleet.Sync.Changes;

// A back office as a web application: the terminals' logs tailed from the folders of Ingest:Paths into a SQLite file
// (or a PostgreSQL database, Storage:PostgreSql), subscriptions seeded from appsettings.json, the digest scheduler and
// log retention (Retention:Period) running in the background, e-mail through SMTP (or a pickup folder when Smtp:Host is
// empty). The SMTP password comes from configuration such as the environment variable Smtp__Password, never from the
// command line.
// It also serves the terminals' sync exchange (POST /posfleet/sync, on Urls): tickets from their outboxes are stored once
// each in its own tickets table, and the items table is exported to them. Enrol a terminal with
// 'posfleet terminal enrol --store fleet.db --terminal till-07 --organization shop-12 --credential-file till-07.credential'.
//
// The web back office (dashboard, reports, status board, actions, digests, the notifications bell) is at /fleet behind
// a DEVELOPMENT-ONLY login with two users in two organizations (DevelopmentLogin.cs), on when started with --demo (which
// also writes 48 hours of demo activity, a few notifications, and enrolled terminals with their status, sync errors and
// actions into the store once) or in the Development environment;
// a real host maps it behind its own authentication. Without either, the sample serves the sync exchange only.
//
// The content root is the sample's own folder, wherever it is started from: appsettings.json is read there, and the
// relative paths it names (fleet.db, logs/, mail/) are resolved against it.
var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = [.. args.Where(a => a != "--demo")],
    ContentRootPath = AppContext.BaseDirectory,
});
var configuration = builder.Configuration;
string Resolve(string path) => Path.GetFullPath(path, builder.Environment.ContentRootPath);

// The store: the SQLite file of Storage:Path, or, when Storage:PostgreSql holds a connection string, that PostgreSQL
// database (several back-office instances may share it). The password belongs in configuration such as the
// environment variable Storage__PostgreSql, never on the command line.
var postgreSql = configuration["Storage:PostgreSql"] is { Length: > 0 } connectionString ? connectionString : null;
var posFleet = builder.Services.AddPosFleet();
if (postgreSql is null)
{
    posFleet.UseSqliteStorageFile(Resolve(configuration["Storage:Path"] ?? "fleet.db"))
        .AddSyncTables(o => o.Tables.Add(HostTables.Items)); // change tracking of the items table is SQLite's
}
else
{
    posFleet.UsePostgreSqlStorage(postgreSql);
}

posFleet
    .AddLogIngest(o =>
    {
        configuration.GetSection("Ingest").Bind(o);
        for (var i = 0; i < o.Paths.Count; i++)
        {
            o.Paths[i] = Resolve(o.Paths[i]);
        }
    })
    .AddDigests(o => configuration.GetSection("Digests").Bind(o))
    .AddLogRetention(o => configuration.GetSection("Retention").Bind(o))
    .AddSyncBackOffice(o => configuration.GetSection("Sync").Bind(o))
    .AddOutboxMessageHandler<TicketHandler>(TicketHandler.MessageType)
    .AddActionsBackOffice() // the back office's actions page and the status board's Retrieve logs / Reset database
    .AddStatus(o => configuration.GetSection("Status").Bind(o)) // the board's target version (yellow below it)
    .AddSyncEndpoint();

// After the store's own start-up (registered by UseSqliteStorageFile / UsePostgreSqlStorage), before the change tracking
// starts: the host's tables, in the same database.
builder.Services.AddHostedService(sp => new HostTables(postgreSql is null
    ? () => new SqliteConnection(sp.GetRequiredService<IOptions<SqliteStorageOptions>>().Value.ConnectionString)
    : () => new NpgsqlConnection(postgreSql)));

if (string.IsNullOrEmpty(configuration["Smtp:Host"]))
{
    posFleet.AddPickupFolderNotifier(Resolve(configuration["PickupFolder"] ?? "mail"));
}
else
{
    posFleet.AddSmtpNotifier(o => configuration.GetSection("Smtp").Bind(o));
}

// GET /health: the store (the SQLite file, or the PostgreSQL server and its schema) and, when mail goes through SMTP, the
// server (connection and login, nothing sent).
var health = builder.Services.AddHealthChecks();
if (postgreSql is null)
{
    health.AddPosFleetSqlite(tags: ["ready"]);
}
else
{
    health.AddPosFleetPostgreSql(tags: ["ready"]);
}

if (!string.IsNullOrEmpty(configuration["Smtp:Host"]))
{
    health.AddPosFleetSmtp(tags: ["ready"]);
}

// PosFleet's metrics and traces through OpenTelemetry, to the console or an OTLP collector (Telemetry:Exporter).
builder.Services.AddSampleTelemetry(configuration.GetSection("Telemetry"));

var web = demo || builder.Environment.IsDevelopment();
string? push = null;
if (web)
{
    posFleet.AddBackOffice(o => configuration.GetSection("BackOffice").Bind(o))
        .AddNotificationEngine(); // the in-app inbox behind the back office's bell, to the development users (DevelopmentDirectory)
    builder.Services.AddDevelopmentLogin();
    builder.Services.AddSingleton<INotificationDirectory, DevelopmentDirectory>();
    push = posFleet.AddSamplePush(configuration.GetSection("WebPush")); // the bell's Enable button, when VAPID keys are configured
}

await using var app = builder.Build();
app.MapPosFleetSync();
app.MapHealthChecks("/health");
if (web)
{
    app.UseAuthentication();
    app.UseAuthorization();
    app.MapDevelopmentLogin();
    app.MapPosFleetBackOffice("/fleet").RequireAuthorization();
    app.MapGet("/", () => Results.Redirect("/fleet/"));
}

await app.StartAsync().ConfigureAwait(false);
if (demo)
{
    var added = await DemoData.SeedAsync(app.Services.GetRequiredService<ILogStore>(), app.Services.GetRequiredService<TimeProvider>().GetUtcNow()).ConfigureAwait(false);
    Console.WriteLine(added > 0 ? $"Demo data: {added} log entries of the last 48 hours written." : "Demo data: already in the store.");
    var notified = await DemoNotifications.SeedAsync(app.Services.GetRequiredService<INotificationStore>(), app.Services.GetRequiredService<TimeProvider>().GetUtcNow()).ConfigureAwait(false);
    Console.WriteLine(notified > 0 ? $"Demo notifications: {notified} in the development users' inboxes." : "Demo notifications: already in the inboxes.");
    var terminals = await DemoTerminals.SeedAsync(app.Services, app.Services.GetRequiredService<TimeProvider>().GetUtcNow()).ConfigureAwait(false);
    Console.WriteLine(terminals > 0 ? $"Demo terminals: {terminals} enrolled, with their status and actions." : "Demo terminals: already enrolled.");
}

if (push is not null)
{
    Console.WriteLine(push);
}

foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
{
    Console.WriteLine(web
        ? $"PosFleet back office: {address}/fleet/ (development login: ana sees shop-12, luca sees shop-34); sync endpoint: {address}/posfleet/sync"
        : $"PosFleet sync endpoint: {address}/posfleet/sync (start with --demo for the web back office)");
}

await app.WaitForShutdownAsync().ConfigureAwait(false);
