using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PosFleet.Connectors.Email;
using PosFleet.Connectors.Sqlite;
using PosFleet.Digests;
using PosFleet.Logs;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Scanning;

namespace PosFleet.Cli.Commands;

/// <summary>
/// The digest engine over a store file, composed once per process through the public registrations, as a vendor's
/// host would: one <c>AddPosFleet</c>, the SQLite file, the digests, a notifier when the command sends, and the
/// options validated before any work is done.
/// </summary>
internal sealed class DigestAccess : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DigestAccess(ServiceProvider services) => _services = services;

    public IDigestStore Store => _services.GetRequiredService<IDigestStore>();

    /// <summary>The runner; only a command that gave a notifier may ask for it.</summary>
    public IDigestRunner Runner => _services.GetRequiredService<IDigestRunner>();

    /// <summary>The host's classification rules (those of <c>--rules</c>, then the built-in ones), read now.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The rules file cannot be read or a rule is invalid.</exception>
    public IClassificationRuleCatalog Rules => _services.GetRequiredService<IClassificationRuleCatalog>();

    /// <summary>
    /// Composes the engine over <paramref name="file"/>; with <paramref name="notifier"/>, one that sends through it,
    /// catching up missed windows as <paramref name="catchUp"/> says and classifying with the rules of
    /// <paramref name="rulesFile"/> too. <paramref name="time"/> (<c>--as-of</c>) replaces the system clock.
    /// <paramref name="check"/> is for the commands that write: the whole file is read (<c>PRAGMA quick_check</c>) before
    /// it is first used, so a file with damaged pages is refused and left as it was; a read command skips that pass.
    /// </summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid.</exception>
    public static DigestAccess Open(
        FileInfo file,
        Action<IPosFleetBuilder>? notifier = null,
        TimeProvider? time = null,
        DigestCatchUp catchUp = DigestCatchUp.LatestOnly,
        bool check = true,
        string? rulesFile = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.TryAddSingleton(time);
        }

        // Outcomes are printed from the results; the engine's own log stays quiet.
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        var builder = services.AddPosFleet()
            .UseSqliteStorageFile(file.FullName, o => o.CheckOnOpen = check)
            .AddDigests(o =>
            {
                o.EnableScheduler = false;
                o.CatchUp = catchUp;
            });
        notifier?.Invoke(builder);
        if (rulesFile is not null)
        {
            builder.AddLogs(o => o.Classification.RulesFile = rulesFile);
        }

        var provider = services.BuildServiceProvider();
        try
        {
            provider.ValidatePosFleetOptions();
        }
        catch
        {
            provider.Dispose();
            throw;
        }

        return new DigestAccess(provider);
    }

    public static Action<IPosFleetBuilder> Smtp(string host, int port, SmtpSecurity security, string? user, string? password, string from) =>
        b => b.AddSmtpNotifier(o =>
        {
            o.Host = host;
            o.Port = port;
            o.Security = security;
            o.UserName = user;
            o.Password = password;
            o.From = from;
        });

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>A clock stopped at one instant (<c>--as-of</c>).</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
