using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using PosFleet.Samples.BackOffice;
using PosFleet.Actions;
using PosFleet.AspNetCore.BackOffice;
using PosFleet.Connectors.Email;
using PosFleet.Connectors.Sqlite;
using PosFleet.Digests;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;
using PosFleet.Status;
using PosFleet.Sync;
using PosFleet.Sync.Enrolment;
using PosFleet.Tests;

namespace PosFleet.Tests.BackOffice.Pages;

/// <summary>
/// A back office on a real port for the status, actions and digests pages: Kestrel on 127.0.0.1, a SQLite file, digests
/// to a pickup folder, the notifications inbox (the bell), the clock at <see cref="Now"/>, and the sample's two development users — ana may set up outlets in
/// shop-12, luca in shop-34. shop-12 has a green, a red, a yellow and a grey terminal, shop-34 one red.
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
        builder.Services.AddDevelopmentLogin();
        builder.Services.AddPosFleet()
            .UseSqliteStorageFile(Path.Combine(directory.Path, "backoffice.db"))
            .AddSyncBackOffice()
            .AddStatus(o => o.TargetVersion = "35")
            .AddActionsBackOffice()
            .AddDigests(o => o.EnableScheduler = false)
            .AddPickupFolderNotifier(Path.Combine(directory.Path, "mail"))
            .AddNotificationEngine() // the bell's inbox, in the same SQLite file
            .AddBackOffice();
        // The engine resolves its directory as soon as the board's recorder or the actions publish to it; these pages
        // notify nobody (no rules, no technicians), so the directory knows only each organization's administrator, whom
        // the delivery status page asks for.
        builder.Services.AddSingleton<INotificationDirectory, AdministratorsOnly>();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDevelopmentLogin(BasePath + "/status");
        app.MapPosFleetBackOffice(BasePath).RequireAuthorization();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new StatusPagesHost(app, directory, clock, new Uri(address + BasePath + "/"));
        await host.SeedAsync();
        return host;
    }

    /// <summary>
    /// A new browser context (its own cookies) signed in as <paramref name="user"/> through the sample's login page, on
    /// the status page; at a desk's width unless given, with JavaScript unless told.
    /// </summary>
    public Task<IPage> SignInAsync(IBrowser browser, string user, string locale = "en-US", int width = 1280, bool javaScript = true) =>
        BrowserFixture.SignInAsync(browser, new Uri(Root, "status"), user, locale, width, javaScript);

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
        await RecordAsync("till-a1", "shop-12");
        await RecordAsync("till-a2", "shop-12", error: "<script>alert('x')</script> The back office could not be reached: Connection refused");
        await RecordAsync("till-a3", "shop-12", version: "34.2");
        await RecordAsync("till-a4", "shop-12", silentFor: TimeSpan.FromHours(5));
        await RecordAsync("till-b1", "shop-34", error: "Connection refused");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Dispose();
    }

    /// <summary>
    /// The development users as their organization's administrators, with a login and a profile (ana of shop-12, luca of
    /// shop-34, as the sample's directory has them), and nobody else: the bell's inbox is written by the tests themselves.
    /// </summary>
    public AdministratorsOnly Administrators => (AdministratorsOnly)Services.GetRequiredService<INotificationDirectory>();

    /// <summary>The directory: each organization's administrators, which a test may change; no customer, technician or role member.</summary>
    internal sealed class AdministratorsOnly : INotificationDirectory
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, NotificationRecipient> _administrators = new(StringComparer.Ordinal);

        public AdministratorsOnly()
        {
            Set("shop-12", "ana");
            Set("shop-34", "luca");
        }

        /// <summary>Makes <paramref name="id"/> the administrator of <paramref name="organization"/>, with or without a profile.</summary>
        public void Set(string organization, string id, bool hasProfile = true) =>
            _administrators[organization] = new NotificationRecipient { Id = id, DisplayName = id, Audience = NotificationAudience.Administrators, HasLogin = true, HasProfile = hasProfile };

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetAdministratorsAsync(string organizationId, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>(_administrators.TryGetValue(organizationId, out var administrator) ? [administrator] : []);

        public ValueTask<NotificationRecipient?> GetCustomerContactAsync(string organizationId, string customerId, CancellationToken cancellationToken) => ValueTask.FromResult<NotificationRecipient?>(null);

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetTechniciansAsync(string organizationId, IReadOnlyList<string> technicianIds, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetRoleMembersAsync(string organizationId, string role, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);
    }

    /// <summary>A directory without people, for a host of its own whose pages notify nobody.</summary>
    internal sealed class NoRecipients : INotificationDirectory
    {
        public ValueTask<IReadOnlyList<NotificationRecipient>> GetAdministratorsAsync(string organizationId, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);

        public ValueTask<NotificationRecipient?> GetCustomerContactAsync(string organizationId, string customerId, CancellationToken cancellationToken) => ValueTask.FromResult<NotificationRecipient?>(null);

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetTechniciansAsync(string organizationId, IReadOnlyList<string> technicianIds, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetRoleMembersAsync(string organizationId, string role, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);
    }
}
