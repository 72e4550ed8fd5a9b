using PosFleet.Notifications.Engine;
using Xunit;

namespace PosFleet.Testing.Notifications;

public abstract partial class NotificationStoreConformanceTests
{
    /// <summary>The inbox pages newest first by keyset, each page continuing where the last ended, with no entry twice.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListInboxAsync_Pages_NewestFirstWithoutOverlap()
    {
        var store = await CreateStoreAsync();
        for (var i = 1; i <= 5; i++)
        {
            await store.AddAsync(new NotificationBatch([], [Inbox($"k{i}") with { Subject = $"n{i}" }], []), default);
        }

        await store.AddAsync(new NotificationBatch([], [Inbox("other", recipient: "bea"), Inbox("elsewhere", organization: "org-2")], []), default);

        var first = await store.ListInboxAsync(new NotificationInboxQuery { OrganizationId = "org-1", RecipientId = "ana", Limit = 2 }, default);
        var second = await store.ListInboxAsync(new NotificationInboxQuery { OrganizationId = "org-1", RecipientId = "ana", Limit = 2, Before = first.NextBefore }, default);
        var third = await store.ListInboxAsync(new NotificationInboxQuery { OrganizationId = "org-1", RecipientId = "ana", Limit = 2, Before = second.NextBefore }, default);

        Assert.Equal(["n5", "n4", "n3", "n2", "n1"], first.Entries.Concat(second.Entries).Concat(third.Entries).Select(e => e.Subject));
        Assert.Null(third.NextBefore);
        Assert.Equal(new Uri("https://fleet.example/i/7"), first.Entries[0].Link);
        Assert.Equal(Now, first.Entries[0].CreatedAt);
    }

    /// <summary>Marking one entry read lowers the unread count by one and hides it from the unread list; another person's entry is untouched.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task MarkReadAsync_OneEntry_CountsAndListsUnreadOnly()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(new NotificationBatch([], [Inbox("k1"), Inbox("k2"), Inbox("k3", recipient: "bea")], []), default);
        var entries = (await store.ListInboxAsync(new NotificationInboxQuery { OrganizationId = "org-1", RecipientId = "ana" }, default)).Entries;
        var beas = (await store.ListInboxAsync(new NotificationInboxQuery { OrganizationId = "org-1", RecipientId = "bea" }, default)).Entries;

        var marked = await store.MarkReadAsync("org-1", "ana", entries[0].Id, Now.AddMinutes(1), default);
        var notMine = await store.MarkReadAsync("org-1", "ana", beas[0].Id, Now.AddMinutes(1), default);
        var again = await store.MarkReadAsync("org-1", "ana", entries[0].Id, Now.AddMinutes(2), default);
        var unread = await store.ListInboxAsync(new NotificationInboxQuery { OrganizationId = "org-1", RecipientId = "ana", UnreadOnly = true }, default);
        var all = await store.ListInboxAsync(new NotificationInboxQuery { OrganizationId = "org-1", RecipientId = "ana" }, default);

        Assert.Equal((1, 0, 0), (marked, notMine, again));
        Assert.Equal(1, await store.CountUnreadAsync("org-1", "ana", default));
        Assert.Equal(1, await store.CountUnreadAsync("org-1", "bea", default));
        Assert.Equal([entries[1].Id], unread.Entries.Select(e => e.Id));
        Assert.Equal(Now.AddMinutes(1), all.Entries.Single(e => e.Id == entries[0].Id).ReadAt);
    }

    /// <summary>Marking all read clears the person's unread count in that organization only.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task MarkReadAsync_All_ClearsOnlyThatInbox()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(new NotificationBatch([], [Inbox("k1"), Inbox("k2"), Inbox("k3", organization: "org-2")], []), default);

        var marked = await store.MarkReadAsync("org-1", "ana", null, Now, default);

        Assert.Equal(2, marked);
        Assert.Equal(0, await store.CountUnreadAsync("org-1", "ana", default));
        Assert.Equal(1, await store.CountUnreadAsync("org-2", "ana", default));
    }
}
