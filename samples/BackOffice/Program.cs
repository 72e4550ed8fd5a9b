using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using PosFleet;
using PosFleet.Connectors.Email;
using PosFleet.Connectors.Sqlite;
using PosFleet.Digests;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Retention;

// A back office as a generic host: the terminals' logs tailed from the folders of Ingest:Paths into a SQLite file,
// subscriptions seeded from appsettings.json, the digest scheduler and log retention (Retention:Period) running in the
// background, e-mail through SMTP (or a pickup folder when Smtp:Host is empty). The SMTP password comes from
// configuration such as the environment variable Smtp__Password, never from the command line.
//
// The content root is the sample's own folder, wherever it is started from: appsettings.json is read there, and the
// relative paths it names (fleet.db, logs/, mail/) are resolved against it.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
var configuration = builder.Configuration;
string Resolve(string path) => Path.GetFullPath(path, builder.Environment.ContentRootPath);

var posFleet = builder.Services.AddPosFleet()
    .UseSqliteStorageFile(Resolve(configuration["Storage:Path"] ?? "fleet.db"))
    .AddLogIngest(o =>
    {
        configuration.GetSection("Ingest").Bind(o);
        for (var i = 0; i < o.Paths.Count; i++)
        {
            o.Paths[i] = Resolve(o.Paths[i]);
        }
    })
    .AddDigests(o => configuration.GetSection("Digests").Bind(o))
    .AddLogRetention(o => configuration.GetSection("Retention").Bind(o));

if (string.IsNullOrEmpty(configuration["Smtp:Host"]))
{
    posFleet.AddPickupFolderNotifier(Resolve(configuration["PickupFolder"] ?? "mail"));
}
else
{
    posFleet.AddSmtpNotifier(o => configuration.GetSection("Smtp").Bind(o));
}

using var host = builder.Build();
await host.RunAsync().ConfigureAwait(false);
