using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using PosFleet;
using PosFleet.Connectors.Email;
using PosFleet.Connectors.Sqlite;
using PosFleet.Digests;
using PosFleet.Logs.Retention;

// A back office as a generic host: logs and the digest ledger in a SQLite file, subscriptions seeded from
// appsettings.json, the digest scheduler and log retention (Retention:Period) running in the background, e-mail through SMTP (or a pickup folder when
// Smtp:Host is empty). The SMTP password comes from configuration such as the environment variable Smtp__Password.
var builder = Host.CreateApplicationBuilder(args);
var configuration = builder.Configuration;

var posFleet = builder.Services.AddPosFleet()
    .UseSqliteStorage(configuration["Storage:ConnectionString"] ?? "Data Source=fleet.db")
    .AddDigests(o => configuration.GetSection("Digests").Bind(o))
    .AddLogRetention(o => configuration.GetSection("Retention").Bind(o));

if (string.IsNullOrEmpty(configuration["Smtp:Host"]))
{
    posFleet.AddPickupFolderNotifier(configuration["PickupFolder"] ?? "mail");
}
else
{
    posFleet.AddSmtpNotifier(o => configuration.GetSection("Smtp").Bind(o));
}

using var host = builder.Build();
await host.RunAsync().ConfigureAwait(false);
