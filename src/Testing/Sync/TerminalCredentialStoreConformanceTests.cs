using PosFleet.Sync.Enrolment;
using Xunit;

namespace PosFleet.Testing.Sync;

/// <summary>What every <see cref="ITerminalCredentialStore"/> must do: derive from this class and return a new, empty store from <see cref="CreateStoreAsync"/>.</summary>
public abstract class TerminalCredentialStoreConformanceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);

    /// <summary>A new, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<ITerminalCredentialStore> CreateStoreAsync();

    private static TerminalCredentialRecord Record(string terminal, string organization = "ACME", char hash = 'a') =>
        new(terminal, organization, new string(hash, 64), Now);

    /// <summary>A saved credential reads back field by field; saving the terminal again replaces it (a new enrolment).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Save_ThenGet_ReturnsItAndReplacesBySameTerminal()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(Record("till-01"), default);
        Assert.Equal(Record("till-01"), await store.GetAsync("till-01", default));

        var renewed = Record("till-01", "BETA", 'b') with { IssuedAt = Now.AddDays(1) };
        await store.SaveAsync(renewed, default);

        Assert.Equal(renewed, await store.GetAsync("till-01", default));
        Assert.Null(await store.GetAsync("till-02", default));
    }

    /// <summary>Revoking marks the credential once; a revoked or unknown one is not revoked again.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Revoke_Once_MarksItAndSaysSo()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(Record("till-01"), default);

        var first = await store.RevokeAsync("till-01", Now.AddHours(1), default);
        var second = await store.RevokeAsync("till-01", Now.AddHours(2), default);
        var unknown = await store.RevokeAsync("till-99", Now, default);

        Assert.True(first);
        Assert.False(second);
        Assert.False(unknown);
        Assert.Equal(Now.AddHours(1), (await store.GetAsync("till-01", default))!.RevokedAt);
    }

    /// <summary>A new enrolment after a revocation is valid again.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Save_AfterRevoke_IsNotRevoked()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(Record("till-01"), default);
        await store.RevokeAsync("till-01", Now, default);

        await store.SaveAsync(Record("till-01", hash: 'c'), default);

        Assert.Null((await store.GetAsync("till-01", default))!.RevokedAt);
    }

    /// <summary>Listing gives an organization's terminals, or all, ordered by terminal id.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task List_ByOrganization_ReturnsItsTerminalsInOrder()
    {
        var store = await CreateStoreAsync();
        await store.SaveAsync(Record("till-03"), default);
        await store.SaveAsync(Record("till-01"), default);
        await store.SaveAsync(Record("till-02", "BETA"), default);

        Assert.Equal(["till-01", "till-03"], (await store.ListAsync("ACME", default)).Select(r => r.TerminalId));
        Assert.Equal(["till-01", "till-02", "till-03"], (await store.ListAsync(null, default)).Select(r => r.TerminalId));
    }
}
