using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Actions;
using PosFleet.AspNetCore.BackOffice;
using PosFleet.Connectors.Email;
using PosFleet.Connectors.Sqlite;
using PosFleet.Digests;
using PosFleet.Status;
using PosFleet.Sync;
using PosFleet.Sync.Enrolment;
using PosFleet.Tests;

namespace PosFleet.AspNetCore.Tests.BackOffice.Pages;

/// <summary>
/// A back office on a real port for the status, actions and digests pages: Kestrel on 127.0.0.1, a SQLite file, digests
/// to a pickup folder, the clock at <see cref="Now"/>, and two users — ana may set up outlets in ALPHA, bob in BRAVO —
/// signed in by <c>GET /login?user=ana</c> (a cookie). ALPHA has a green, a red, a yellow and a grey terminal, BRAVO one red.
/// </summary>
internal sealed class StatusPagesHost : IAsyncDisposable
{
    public const string BasePath = "/fleet";

    private readonly WebApplication _app;

    private StatusPagesHost(WebApplication app, TempDirectory directory, TestClock clock, Uri root)
    {
        _app = app;
        Directory = directory;
        Clock = clock;
        Root = root;
    }

    public static DateTimeOffset Now { get; } = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public TempDirectory Directory { get; }

    public TestClock Clock { get; }

    /// <summary>The back office's pages, such as <c>http://127.0.0.1:5123/fleet/</c>.</summary>
    public Uri Root { get; }

    public IServiceProvider Services => _app.Services;

    public string MailFolder => Path.Combine(Directory.Path, "mail");

    public static async Task<StatusPagesHost> StartAsync()
    {
        var directory = new TempDirectory();
        var clock = new TestClock(Now);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddAuthentication(TestUsers.Name).AddScheme<AuthenticationSchemeOptions, TestUsers>(TestUsers.Name, null);
        builder.Services.AddAuthorization();
        builder.Services.AddPosFleet()
            .UseSqliteStorageFile(Path.Combine(directory.Path, "backoffice.db"))
            .AddSyncBackOffice()
            .AddStatus(o => o.TargetVersion = "35")
            .AddActionsBackOffice()
            .AddDigests(o => o.EnableScheduler = false)
            .AddPickupFolderNotifier(Path.Combine(directory.Path, "mail"))
            .AddBackOffice();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/login", (HttpContext context, string user) =>
        {
            context.Response.Cookies.Append(TestUsers.Cookie, user);
            return Results.Redirect(BasePath + "/status");
        });
        app.MapPosFleetBackOffice(BasePath);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new StatusPagesHost(app, directory, clock, new Uri(address + BasePath + "/"));
        await host.SeedAsync();
        return host;
    }

    public async Task RecordAsync(string terminal, string organization, string version = "35.0", string? error = null, TimeSpan? silentFor = null)
    {
        var registry = Services.GetRequiredService<ITerminalRegistry>();
        await registry.EnrolAsync(terminal, organization);
        await Services.GetRequiredService<ITerminalStatusStore>().RecordAsync(
            new TerminalStatus
            {
                TerminalId = terminal,
                Organization = organization,
                ApplicationVersion = version,
                LastUpdate = Now.AddDays(-3),
                LastSync = Now.AddSeconds(-20),
                LastSyncError = error,
                SyncInterval = TimeSpan.FromMinutes(1),
                ReceivedAt = Now - (silentFor ?? TimeSpan.FromSeconds(20)),
            },
            100,
            CancellationToken.None);
    }

    private async Task SeedAsync()
    {
        await RecordAsync("till-a1", "ALPHA");
        await RecordAsync("till-a2", "ALPHA", error: "<script>alert('x')</script> The back office could not be reached: Connection refused");
        await RecordAsync("till-a3", "ALPHA", version: "34.2");
        await RecordAsync("till-a4", "ALPHA", silentFor: TimeSpan.FromHours(5));
        await RecordAsync("till-b1", "BRAVO", error: "Connection refused");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Dispose();
    }

    /// <summary>Signs a request in as the user its <c>test-user</c> cookie names: ana (ALPHA) or bob (BRAVO).</summary>
    private sealed class TestUsers(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "test";
        public const string Cookie = "test-user";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var organization = Request.Cookies[Cookie] switch
            {
                "ana" => "ALPHA",
                "bob" => "BRAVO",
                _ => null,
            };
            if (organization is null)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, Request.Cookies[Cookie]!), new Claim("posfleet:outlet-setup", organization)],
                Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name)));
        }
    }
}
