using PosFleet.Status;
using Xunit;

namespace PosFleet.Testing.Status;

/// <summary>
/// What every <see cref="ITerminalStatusStore"/> must do: derive from this class and return a new, empty store from
/// <see cref="CreateStoreAsync"/>. The latest heartbeat wins, errors are bounded and purged, and the board query judges
/// health, filters, orders and pages as the in-memory store does — and never returns a row of an organization the
/// viewer may not see.
/// </summary>
public abstract partial class TerminalStatusStoreConformanceTests
{
    /// <summary>The instant the tests' board is drawn at.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A new, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<ITerminalStatusStore> CreateStoreAsync();

    /// <summary>A status heard <paramref name="minutesAgo"/> minutes before <see cref="Now"/>, syncing every minute.</summary>
    /// <param name="terminal">The terminal.</param>
    /// <param name="organization">Its organization.</param>
    /// <param name="version">Its version.</param>
    /// <param name="minutesAgo">How long ago it was heard.</param>
    /// <param name="error">Its last sync error.</param>
    /// <returns>The status.</returns>
    protected static TerminalStatus Status(string terminal, string organization = "ACME", string version = "35", double minutesAgo = 0, string? error = null) => new()
    {
        TerminalId = terminal,
        Organization = organization,
        ApplicationVersion = version,
        LastUpdate = Now.AddDays(-10),
        LastSync = error is null ? Now.AddMinutes(-minutesAgo) : Now.AddHours(-1),
        LastSyncError = error,
        OutboxDepth = 4,
        OldestUnsentAge = TimeSpan.FromMinutes(3),
        SyncInterval = TimeSpan.FromMinutes(1),
        ReceivedAt = Now.AddMinutes(-minutesAgo),
    };

    /// <summary>Health at <see cref="Now"/>: silent past 3 intervals, target versions as given.</summary>
    /// <param name="targets">Organization and target version pairs.</param>
    /// <returns>The rules.</returns>
    protected static TerminalHealthRules Rules(params (string Organization, string Version)[] targets) => new()
    {
        Now = Now,
        SilenceFactor = 3,
        DefaultSyncInterval = TimeSpan.FromMinutes(1),
        TargetVersions = targets.ToDictionary(t => t.Organization, t => t.Version),
    };

    private static async Task<IReadOnlyList<StatusBoardRow>> AllAsync(ITerminalStatusStore store, StatusBoardQuery query, TerminalHealthRules? rules = null, StatusBoardAccess? access = null) =>
        (await store.QueryAsync(access ?? StatusBoardAccess.Everything, query with { Limit = 10_000 }, rules ?? Rules(), default)).Rows;

    private static async Task RecordAsync(ITerminalStatusStore store, params TerminalStatus[] statuses)
    {
        foreach (var status in statuses)
        {
            await store.RecordAsync(status, 1000, default);
        }
    }

    /// <summary>A newer heartbeat replaces the terminal's status; every field comes back as recorded.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Record_NewerHeartbeat_ReplacesLatest()
    {
        var store = await CreateStoreAsync();
        var newer = Status("till-01", version: "36.1", minutesAgo: 1) with { OutboxDepth = 9, LastUpdate = null, OldestUnsentAge = null };

        await RecordAsync(store, Status("till-01", minutesAgo: 5), newer);

        Assert.Equal(newer, await store.GetAsync("till-01", default));
        Assert.Null(await store.GetAsync("till-02", default));
    }

    /// <summary>A heartbeat received before the one held (a slow request overtaken) does not replace it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Record_OlderHeartbeat_KeepsLatest()
    {
        var store = await CreateStoreAsync();

        await RecordAsync(store, Status("till-01", version: "36", minutesAgo: 1), Status("till-01", version: "34", minutesAgo: 5));

        Assert.Equal("36", (await store.GetAsync("till-01", default))!.ApplicationVersion);
    }

    /// <summary>The organizations that have a status, each once, in order.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListOrganizations_SeveralTerminals_EachOnceInOrder()
    {
        var store = await CreateStoreAsync();
        await RecordAsync(store, Status("t1", "ZETA"), Status("t2", "ACME"), Status("t3", "ZETA"));

        Assert.Equal(["ACME", "ZETA"], await store.ListOrganizationsAsync(default));
    }
}
