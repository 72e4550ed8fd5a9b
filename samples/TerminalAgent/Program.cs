using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosFleet;
using PosFleet.Connectors.Http;
using PosFleet.Connectors.Sqlite;
using PosFleet.Samples.TerminalAgent;
using PosFleet.Sync;
using PosFleet.Sync.Changes;

// A till as a generic host: a SQLite file holding PosFleet's outbox and the till's own tables (tickets, items); a sale
// writes its ticket and the ticket's outbox message in one transaction of the host's connection; the sync agent sends
// the outbox to the back office over HTTP on its interval and imports the items the back office exports.
//
// The credential comes from configuration — Sync:Credential (the environment variable Sync__Credential, or a user
// secrets file) or Sync:CredentialFile, the file 'posfleet terminal enrol --credential-file' wrote — never from the
// command line. The content root is the sample's own folder; relative paths in appsettings.json are resolved there.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
var configuration = builder.Configuration;
string Resolve(string path) => Path.GetFullPath(path, builder.Environment.ContentRootPath);

builder.Services.AddPosFleet(o => configuration.GetSection("PosFleet").Bind(o))
    .UseSqliteStorageFile(Resolve(configuration["Storage:Path"] ?? "till.db"))
    .AddSyncAgent(o =>
    {
        configuration.GetSection("Sync").Bind(o);
        o.Credential = configuration["Sync:Credential"] is { Length: > 0 } credential
            ? credential
            : configuration["Sync:CredentialFile"] is { Length: > 0 } file && File.Exists(Resolve(file)) ? File.ReadAllText(Resolve(file)).Trim() : null;
    })
    .AddSyncTables(o => o.Tables.Add(TillTables.Items))
    .UseHttpSyncTransport(o => configuration.GetSection("Sync").Bind(o));

// After the store's own start-up, before the change tracking and the agent start: the till's tables, then the sales.
builder.Services.AddHostedService<TillTables>();
builder.Services.Configure<SalesOptions>(configuration.GetSection("Sales"));
builder.Services.AddHostedService<Sales>();

using var host = builder.Build();
await host.RunAsync().ConfigureAwait(false);
