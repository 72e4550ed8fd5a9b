using PosFleet.Notifications.Push;
using Xunit;

namespace PosFleet.Testing.Notifications;

/// <summary>
/// What every <see cref="IPushSubscriptionStore"/> must do: derive from this class and return a new, empty store from
/// <see cref="CreateStoreAsync"/>. An endpoint is one subscription, held by one recipient of one organization (never
/// moved to another by a second add); a recipient's are listed oldest first; removing one leaves the others; another organization's subscriptions are not found, neither listed nor removed, and
/// another recipient's endpoint is not removed.
/// </summary>
public abstract class PushSubscriptionStoreConformanceTests
{
    /// <summary>A new, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IPushSubscriptionStore> CreateStoreAsync();

    private static PushSubscription Subscription(string recipient, string device, string key = "BKey", string organization = "org-1") =>
        new(organization, recipient, new Uri($"https://push.example.com/send/{device}"), key, "auth-" + device);

    /// <summary>A recipient's subscriptions come back as added, oldest first, and no one else's.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task List_TwoDevices_BothOldestFirstAndOnlyTheirs()
    {
        var store = await CreateStoreAsync();
        Assert.Equal(PushSubscriptionAddResult.Added, await store.AddAsync(Subscription("tech-1", "phone"), default));
        Assert.Equal(PushSubscriptionAddResult.Added, await store.AddAsync(Subscription("tech-2", "desk"), default));
        Assert.Equal(PushSubscriptionAddResult.Added, await store.AddAsync(Subscription("tech-1", "laptop"), default));

        var listed = await store.ListAsync("org-1", "tech-1", default);

        Assert.Equal([Subscription("tech-1", "phone"), Subscription("tech-1", "laptop")], listed);
        Assert.Empty(await store.ListAsync("org-1", "tech-9", default));
    }

    /// <summary>The same recipient subscribing the same browser again (new keys) updates the keys of that one subscription.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Add_SameRecipientAgain_UpdatesTheKeys()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Subscription("tech-1", "phone"), default);

        Assert.Equal(PushSubscriptionAddResult.Updated, await store.AddAsync(Subscription("tech-1", "phone", key: "BNewKey"), default));

        Assert.Equal([Subscription("tech-1", "phone", key: "BNewKey")], await store.ListAsync("org-1", "tech-1", default));
    }

    /// <summary>An endpoint another recipient holds is not moved to whoever sends it: refused, nothing changes.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Add_EndpointOfAnotherRecipient_RefusedAndUnchanged()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Subscription("tech-1", "phone"), default);

        Assert.Equal(PushSubscriptionAddResult.HeldByAnother, await store.AddAsync(Subscription("tech-2", "phone", key: "BOtherKey"), default));

        Assert.Equal([Subscription("tech-1", "phone")], await store.ListAsync("org-1", "tech-1", default));
        Assert.Empty(await store.ListAsync("org-1", "tech-2", default));
    }

    /// <summary>An endpoint held in another organization, even by the same recipient id, is not moved to this one.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Add_EndpointHeldInAnotherOrganization_RefusedAndUnchanged()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Subscription("tech-1", "phone", organization: "org-2"), default);

        Assert.Equal(PushSubscriptionAddResult.HeldByAnother, await store.AddAsync(Subscription("tech-1", "phone", key: "BOtherKey"), default));

        Assert.Empty(await store.ListAsync("org-1", "tech-1", default));
        Assert.Equal([Subscription("tech-1", "phone", organization: "org-2")], await store.ListAsync("org-2", "tech-1", default));
    }

    /// <summary>Once its holder removed it, an endpoint is free: another recipient adds it as new.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Add_AfterTheHolderRemovedIt_AddedForTheNewRecipient()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Subscription("tech-1", "phone"), default);
        await store.RemoveAsync("org-1", "tech-1", Subscription("tech-1", "phone").Endpoint, default);

        Assert.Equal(PushSubscriptionAddResult.Added, await store.AddAsync(Subscription("tech-2", "phone"), default));

        Assert.Equal([Subscription("tech-2", "phone")], await store.ListAsync("org-1", "tech-2", default));
    }

    /// <summary>Removing an endpoint removes that subscription only, once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Remove_OneEndpoint_LeavesTheOthers()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Subscription("tech-1", "phone"), default);
        await store.AddAsync(Subscription("tech-1", "laptop"), default);

        Assert.True(await store.RemoveAsync("org-1", "tech-1", Subscription("tech-1", "phone").Endpoint, default));
        Assert.False(await store.RemoveAsync("org-1", "tech-1", Subscription("tech-1", "phone").Endpoint, default));

        Assert.Equal([Subscription("tech-1", "laptop")], await store.ListAsync("org-1", "tech-1", default));
    }

    /// <summary>A recipient id of another organization is another person: their subscriptions are not listed.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task List_SameRecipientIdInAnotherOrganization_NotFound()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Subscription("tech-1", "phone", organization: "org-2"), default);

        Assert.Empty(await store.ListAsync("org-1", "tech-1", default));
        Assert.Equal([Subscription("tech-1", "phone", organization: "org-2")], await store.ListAsync("org-2", "tech-1", default));
    }

    /// <summary>Removing through another organization finds nothing and leaves the subscription in place.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Remove_FromAnotherOrganization_NotFoundAndKept()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Subscription("tech-1", "phone"), default);

        Assert.False(await store.RemoveAsync("org-2", "tech-1", Subscription("tech-1", "phone").Endpoint, default));

        Assert.Equal([Subscription("tech-1", "phone")], await store.ListAsync("org-1", "tech-1", default));
    }

    /// <summary>An endpoint another recipient of the same organization holds is not removed in their stead.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Remove_EndpointOfAnotherRecipient_NotFoundAndKept()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(Subscription("tech-1", "phone"), default);

        Assert.False(await store.RemoveAsync("org-1", "tech-2", Subscription("tech-1", "phone").Endpoint, default));

        Assert.Equal([Subscription("tech-1", "phone")], await store.ListAsync("org-1", "tech-1", default));
    }
}
