using PosFleet.Actions;
using PosFleet.Actions.Terminal;
using Xunit;

namespace PosFleet.Testing.Actions;

/// <summary>
/// What every <see cref="IRemoteActionJournal"/> must do: derive from this class and return a new, empty journal from
/// <see cref="CreateJournalAsync"/>. A delivery received twice is one entry; an attempt starts once; an action ends
/// once; its reports wait until acknowledged, an outcome held back while its file uploads.
/// </summary>
public abstract class RemoteActionJournalConformanceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);

    /// <summary>A new, empty journal.</summary>
    /// <returns>The journal.</returns>
    protected abstract Task<IRemoteActionJournal> CreateJournalAsync();

    private static RemoteActionDelivery Delivery(string name = "clear-cache") => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        Parameters = new Dictionary<string, string> { ["mode"] = "complete" },
        ExpiresAt = Now.AddDays(1),
        Timeout = TimeSpan.FromMinutes(5),
        MaxAttempts = 3,
    };

    private static RemoteActionReport Report(RemoteActionDelivery delivery, RemoteActionState state, int attempt) => new()
    {
        Id = Guid.NewGuid(),
        ActionId = delivery.Id,
        State = state,
        At = Now.AddMinutes(attempt),
        Attempt = attempt,
    };

    /// <summary>A delivery received again (a lost response, a redelivery) is one entry, kept as first received.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Receive_Twice_OneEntry()
    {
        var journal = await CreateJournalAsync();
        var delivery = Delivery();

        var first = await journal.ReceiveAsync(delivery, Now, default);
        var second = await journal.ReceiveAsync(delivery, Now.AddMinutes(1), default);
        var received = await journal.ListAsync(RemoteActionEntryState.Received, default);

        Assert.True(first);
        Assert.False(second);
        var entry = Assert.Single(received);
        Assert.Equal(Now, entry.ReceivedAt);
        Assert.Equal("complete", entry.Delivery.Parameters["mode"]);
        Assert.Equal(delivery.Timeout, entry.Delivery.Timeout);
    }

    /// <summary>An attempt starts once; a later attempt (a retry, a recovery) starts again; each start queues its report.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Start_SameAttemptTwice_StartsOnce()
    {
        var journal = await CreateJournalAsync();
        var delivery = Delivery();
        await journal.ReceiveAsync(delivery, Now, default);

        var first = await journal.StartAsync(Report(delivery, RemoteActionState.Running, 1), default);
        var again = await journal.StartAsync(Report(delivery, RemoteActionState.Running, 1), default);
        var retry = await journal.StartAsync(Report(delivery, RemoteActionState.Running, 2), default);
        var unknown = await journal.StartAsync(Report(Delivery(), RemoteActionState.Running, 1), default);

        Assert.True(first);
        Assert.False(again);
        Assert.True(retry);
        Assert.False(unknown);
        var entry = Assert.Single(await journal.ListAsync(RemoteActionEntryState.Running, default));
        Assert.Equal(2, entry.Attempt);
        Assert.Equal([1, 2], (await journal.PeekReportsAsync(10, default)).Select(r => r.Attempt));
    }

    /// <summary>An action ends once: a second outcome is not queued, and it no longer starts.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Finish_Twice_EndsOnce()
    {
        var journal = await CreateJournalAsync();
        var delivery = Delivery();
        await journal.ReceiveAsync(delivery, Now, default);
        await journal.StartAsync(Report(delivery, RemoteActionState.Running, 1), default);

        var first = await journal.FinishAsync(Report(delivery, RemoteActionState.Succeeded, 1), null, default);
        var second = await journal.FinishAsync(Report(delivery, RemoteActionState.Failed, 1), null, default);
        var restart = await journal.StartAsync(Report(delivery, RemoteActionState.Running, 2), default);

        Assert.True(first);
        Assert.False(second);
        Assert.False(restart);
        Assert.Equal(RemoteActionEntryState.Finished, (await journal.GetAsync(delivery.Id, default))!.State);
        Assert.Equal([RemoteActionState.Running, RemoteActionState.Succeeded], (await journal.PeekReportsAsync(10, default)).Select(r => r.State));
    }

    /// <summary>An outcome with a file waits until the whole file is acknowledged; then it goes up.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Finish_WithUpload_OutcomeHeldUntilUploaded()
    {
        var journal = await CreateJournalAsync();
        var delivery = Delivery("retrieve-logs");
        await journal.ReceiveAsync(delivery, Now, default);
        await journal.StartAsync(Report(delivery, RemoteActionState.Running, 1), default);
        var running = await journal.PeekReportsAsync(10, default);
        await journal.AcknowledgeReportsAsync([.. running.Select(r => r.Id)], default);

        await journal.FinishAsync(Report(delivery, RemoteActionState.Succeeded, 1), "/tmp/logs.gz", default);
        var whileUploading = await journal.PeekReportsAsync(10, default);
        await journal.SetUploadedAsync(delivery.Id, 600, 1000, default);
        var halfway = await journal.GetAsync(delivery.Id, default);
        await journal.SetUploadedAsync(delivery.Id, 400, 1000, default);
        var notBack = await journal.GetAsync(delivery.Id, default);
        await journal.SetUploadedAsync(delivery.Id, 1000, 1000, default);
        var afterUpload = await journal.PeekReportsAsync(10, default);

        Assert.Empty(whileUploading);
        Assert.Equal((RemoteActionEntryState.Uploading, 600L, "/tmp/logs.gz"), (halfway!.State, halfway.Uploaded, halfway.UploadPath));
        Assert.Equal(600, notBack!.Uploaded);
        Assert.Equal(RemoteActionState.Succeeded, Assert.Single(afterUpload).State);
        Assert.Equal(RemoteActionEntryState.Finished, (await journal.GetAsync(delivery.Id, default))!.State);
    }

    /// <summary>Acknowledged reports are deleted, the others stay, in order.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AcknowledgeReports_Some_DeletesOnlyThose()
    {
        var journal = await CreateJournalAsync();
        var deliveries = new[] { Delivery("a"), Delivery("b"), Delivery("c") };
        foreach (var d in deliveries)
        {
            await journal.ReceiveAsync(d, Now, default);
            await journal.StartAsync(Report(d, RemoteActionState.Running, 1), default);
        }

        var reports = await journal.PeekReportsAsync(10, default);
        var deleted = await journal.AcknowledgeReportsAsync([reports[0].Id, reports[2].Id, Guid.NewGuid()], default);

        Assert.Equal(2, deleted);
        Assert.Equal([deliveries[1].Id], (await journal.PeekReportsAsync(10, default)).Select(r => r.ActionId));
    }

    /// <summary>
    /// Only Finished entries received before the cut-off whose reports were all acknowledged are purged: a newer one,
    /// one whose outcome still waits to go up and one still running stay.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task PurgeFinished_OldAcknowledgedAndOthers_DeletesOnlyOldAcknowledged()
    {
        var journal = await CreateJournalAsync();
        var old = Delivery("old");
        var unacknowledged = Delivery("unacknowledged");
        var running = Delivery("running");
        var recent = Delivery("recent");
        foreach (var (delivery, at) in new[] { (old, Now), (unacknowledged, Now), (running, Now), (recent, Now.AddDays(20)) })
        {
            await journal.ReceiveAsync(delivery, at, default);
            await journal.StartAsync(Report(delivery, RemoteActionState.Running, 1), default);
            if (delivery != running)
            {
                await journal.FinishAsync(Report(delivery, RemoteActionState.Succeeded, 1), null, default);
            }
        }

        var reports = await journal.PeekReportsAsync(20, default);
        await journal.AcknowledgeReportsAsync([.. reports.Where(r => r.ActionId != unacknowledged.Id).Select(r => r.Id)], default);

        var purged = await journal.PurgeFinishedAsync(Now.AddDays(10), default);
        var again = await journal.PurgeFinishedAsync(Now.AddDays(10), default);

        Assert.Equal(1, purged);
        Assert.Equal(0, again);
        Assert.Null(await journal.GetAsync(old.Id, default));
        Assert.NotNull(await journal.GetAsync(unacknowledged.Id, default));
        Assert.NotNull(await journal.GetAsync(running.Id, default));
        Assert.NotNull(await journal.GetAsync(recent.Id, default));
        Assert.False(await journal.ReceiveAsync(recent, Now.AddDays(21), default));
    }
}
