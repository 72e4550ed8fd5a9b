using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions;
using PosFleet.Sync.Exchange;
using PosFleet.Tests;

namespace PosFleet.AspNetCore.Tests;

/// <summary>Remote actions over HTTP: a terminal never takes another terminal's actions nor posts results for them, even with a valid credential of its own.</summary>
public sealed class RemoteActionEndpointTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private SyncBackOfficeServer _server = null!;

    public async Task InitializeAsync() => _server = await SyncBackOfficeServer.StartAsync(storage: b => b.AddActionsBackOffice());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IRemoteActionQueue Queue => _server.Services.GetRequiredService<IRemoteActionQueue>();

    private static SyncRequest Request(string terminal, params RemoteActionReport[] reports) => new()
    {
        TerminalId = terminal,
        Heartbeat = new SyncHeartbeat { ApplicationVersion = "34.1" },
        ActionResults = reports,
    };

    private async Task<(HttpStatusCode Status, SyncResponse? Response)> PostAsync(SyncRequest request, string credential)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, _server.SyncUri) { Content = new ByteArrayContent(SyncWireFormat.EncodeRequest(request)) };
        message.Content.Headers.ContentType = new(SyncProtocol.MediaType);
        message.Content.Headers.ContentEncoding.Add("gzip");
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        using var response = await Http.SendAsync(message);
        return response.StatusCode == HttpStatusCode.OK
            ? (response.StatusCode, await SyncWireFormat.ReadResponseAsync(await response.Content.ReadAsStreamAsync()))
            : (response.StatusCode, null);
    }

    [Fact]
    public async Task Post_AnotherTerminalsCredentialForItsActions_Refused403NothingDeliveredOrWritten()
    {
        var mine = await _server.EnrolAsync("till-01");
        var other = await _server.EnrolAsync("till-02");
        var action = (await Queue.QueueAsync(new RemoteActionRequest { Organization = "ACME", TerminalId = "till-01", Name = "clear-cache" })).Single().Action;

        var (status, response) = await PostAsync(Request("till-01"), other.Credential);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Null(response);
        Assert.Equal(RemoteActionState.Pending, (await Queue.GetAsync("ACME", action.Id))!.State);
        var (ok, own) = await PostAsync(Request("till-01"), mine.Credential);
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal([action.Id], own!.Actions!.Actions.Select(a => a.Id));
    }

    [Fact]
    public async Task Post_ResultsForAnotherTerminalsAction_AcknowledgedSoItIsNotResentButNotRecorded()
    {
        var mine = await _server.EnrolAsync("till-01");
        var other = await _server.EnrolAsync("till-02");
        var action = (await Queue.QueueAsync(new RemoteActionRequest { Organization = "ACME", TerminalId = "till-01", Name = "retrieve-logs" })).Single().Action;
        await PostAsync(Request("till-01"), mine.Credential);
        var forged = new RemoteActionReport
        {
            Id = Guid.NewGuid(),
            ActionId = action.Id,
            State = RemoteActionState.Succeeded,
            At = DateTimeOffset.UnixEpoch,
            Attempt = 1,
            Upload = new RemoteActionUploadChunk { Offset = 0, Data = [1, 2, 3], TotalLength = 3 },
        };

        var (status, response) = await PostAsync(Request("till-02", forged), other.Credential);

        // A refused upload chunk is answered (acknowledged and listed as refused) so that a terminal stops resending it;
        // another terminal's chunk changes nothing in the action it names.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([forged.Id], response!.Actions!.Recorded);
        Assert.Empty(response.Actions.Actions);
        var stored = await Queue.GetAsync("ACME", action.Id);
        Assert.Equal(RemoteActionState.Delivered, stored!.State);
        Assert.Null(stored.UploadedBytes);
        Assert.Equal(-1, await Queue.DownloadAsync("ACME", action.Id, Stream.Null));
    }

    private static RemoteActionReport Outcome(Guid actionId, RemoteActionState state = RemoteActionState.Succeeded) => new()
    {
        Id = Guid.NewGuid(),
        ActionId = actionId,
        State = state,
        At = DateTimeOffset.UnixEpoch,
        Attempt = 1,
        Detail = "cache cleared",
    };

    [Fact]
    public async Task Post_OutcomeForUnknownAction_AcknowledgedWithTheReasonAndNothingElseChanged()
    {
        var mine = await _server.EnrolAsync("till-01");
        var pending = (await Queue.QueueAsync(new RemoteActionRequest { Organization = "ACME", TerminalId = "till-01", Name = "clear-cache" })).Single().Action;
        var unknown = Outcome(Guid.NewGuid());

        var (status, response) = await PostAsync(Request("till-01", unknown), mine.Credential);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([unknown.Id], response!.Actions!.Recorded);
        var refusal = Assert.Single(response.Actions.Refusals);
        Assert.Equal((unknown.Id, unknown.ActionId), (refusal.Id, refusal.ActionId));
        Assert.Equal($"the back office has no action {unknown.ActionId:N} for this terminal", refusal.Reason);
        // The terminal's own pending action is delivered as usual, untouched by the refused report.
        Assert.Equal([pending.Id], response.Actions.Actions.Select(a => a.Id));
        var stored = await Queue.GetAsync("ACME", pending.Id);
        Assert.Equal([RemoteActionState.Pending, RemoteActionState.Delivered], stored!.History.Select(h => h.State));
        Assert.Null(await Queue.GetAsync("ACME", unknown.ActionId));
    }

    [Fact]
    public async Task Post_OutcomeForAnotherOrganizationsAction_AcknowledgedAsUnknownAndThatActionUnchanged()
    {
        var mine = await _server.EnrolAsync("till-01");
        var theirs = await _server.EnrolAsync("till-09", "BETA");
        var action = (await Queue.QueueAsync(new RemoteActionRequest { Organization = "BETA", TerminalId = "till-09", Name = "clear-cache" })).Single().Action;
        await PostAsync(Request("till-09"), theirs.Credential);
        var forged = Outcome(action.Id, RemoteActionState.Failed);

        var (status, response) = await PostAsync(Request("till-01", forged), mine.Credential);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([forged.Id], response!.Actions!.Recorded);
        // The same words as for an action that does not exist: another organization's actions are not this terminal's to learn of.
        Assert.Equal($"the back office has no action {action.Id:N} for this terminal", Assert.Single(response.Actions.Refusals).Reason);
        var stored = await Queue.GetAsync("BETA", action.Id);
        Assert.Equal(RemoteActionState.Delivered, stored!.State);
        Assert.Equal([RemoteActionState.Pending, RemoteActionState.Delivered], stored.History.Select(h => h.State));
    }

    [Fact]
    public async Task Post_OutcomeForAnActionCanceledBeforeDelivery_AcknowledgedWithTheImpossibleTransitionAndItStaysCanceled()
    {
        var mine = await _server.EnrolAsync("till-01");
        // Canceled before any exchange delivered it: no outcome can follow (a back office restored from an older copy sees this).
        var action = (await Queue.QueueAsync(new RemoteActionRequest { Organization = "ACME", TerminalId = "till-01", Name = "clear-cache" })).Single().Action;
        var report = Outcome(action.Id);
        Assert.NotNull(await Queue.CancelAsync("ACME", action.Id));

        var (status, response) = await PostAsync(Request("till-01", report), mine.Credential);
        var (_, again) = await PostAsync(Request("till-01", report), mine.Credential);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([report.Id], response!.Actions!.Recorded);
        Assert.Equal("the action is Canceled in the back office (ended before it reached the terminal), so Succeeded cannot follow it", Assert.Single(response.Actions.Refusals).Reason);
        Assert.Equal([report.Id], again!.Actions!.Recorded);
        var stored = await Queue.GetAsync("ACME", action.Id);
        Assert.Equal(RemoteActionState.Canceled, stored!.State);
        Assert.Equal([RemoteActionState.Pending, RemoteActionState.Canceled], stored.History.Select(h => h.State));
        Assert.Empty(response.Actions.Actions);
    }
}
