using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PosFleet.AspNetCore.BackOffice;
using PosFleet.Connectors.Sqlite;
using PosFleet.Logs.Storage;
using PosFleet.Samples.BackOffice;

namespace PosFleet.Tests.BackOffice;

/// <summary>
/// A back office for the browser tests: Kestrel on 127.0.0.1 at a free port, the web back office mapped at
/// <c>/fleet</c> behind the sample's development login (two users, two organizations), a SQLite file store seeded with
/// the sample's demo data, and a fake clock so that the dashboard's hours are known.
/// </summary>
internal sealed class BackOfficeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory _directory;

    private BackOfficeHost(WebApplication app, TempDirectory directory, Uri baseUri, TestClock clock)
    {
        _app = app;
        _directory = directory;
        BaseUri = baseUri;
        Clock = clock;
    }

    /// <summary>The host's root, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    public TestClock Clock { get; }

    public IServiceProvider Services => _app.Services;

    public ILogStore Store => _app.Services.GetRequiredService<ILogStore>();

    /// <summary>A user of shop-12.</summary>
    public static DevelopmentUser Ana => DevelopmentLogin.Users.Single(u => u.Name == "ana");

    /// <summary>A user of shop-34.</summary>
    public static DevelopmentUser Luca => DevelopmentLogin.Users.Single(u => u.Name == "luca");

    public static async Task<BackOfficeHost> StartAsync(Action<BackOfficeOptions>? configure = null, Action<IPosFleetBuilder>? compose = null)
    {
        var directory = new TempDirectory();
        var clock = new TestClock(new DateTimeOffset(2026, 11, 20, 12, 30, 0, TimeSpan.Zero));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddDevelopmentLogin();
        var fleet = builder.Services.AddPosFleet()
            .UseSqliteStorageFile(Path.Combine(directory.Path, "fleet.db"))
            .AddBackOffice(o =>
            {
                o.SupportAddress = "support@example.com";
                configure?.Invoke(o);
            });
        compose?.Invoke(fleet);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDevelopmentLogin();
        app.MapPosFleetBackOffice("/fleet").RequireAuthorization();
        await app.StartAsync();
        await DemoData.SeedAsync(app.Services.GetRequiredService<ILogStore>(), clock.GetUtcNow());
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new BackOfficeHost(app, directory, new Uri(address + "/"), clock);
    }

    /// <summary>The absolute URL of <paramref name="path"/>, such as <c>fleet/reports?org=shop-12</c>.</summary>
    public string Url(string path) => new Uri(BaseUri, path).ToString();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _directory.Dispose();
    }
}
