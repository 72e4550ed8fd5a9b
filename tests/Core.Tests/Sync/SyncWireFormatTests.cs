using System.IO.Compression;
using System.Text;
using PosFleet.Sync.Exchange;

namespace PosFleet.Tests.Sync;

/// <summary>The bytes of the exchange: gzip-compressed JSON that both sides read back field by field and can grow.</summary>
public sealed class SyncWireFormatTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task EncodeRequest_ThenRead_GivesTheSameRequest()
    {
        var message = BackOffice.Ticket(42, _clock);
        var request = new SyncRequest
        {
            TerminalId = "till-07",
            Organization = "ACME",
            Heartbeat = new SyncHeartbeat { ApplicationVersion = "34.2", LastUpdate = _clock.GetUtcNow().AddDays(-3), LastError = "timeout", LastErrorAfterExchange = true, OutboxDepth = 12 },
            Outbox = [message],
        };

        var bytes = SyncWireFormat.EncodeRequest(request);
        var read = await SyncWireFormat.ReadRequestAsync(new MemoryStream(bytes));

        Assert.Equal([0x1f, 0x8b], bytes[..2]);
        Assert.Equal(request.Heartbeat, read.Heartbeat);
        Assert.Equal((request.ProtocolVersion, request.TerminalId, request.Organization), (read.ProtocolVersion, read.TerminalId, read.Organization));
        var m = Assert.Single(read.Outbox);
        Assert.Equal((message.Id, message.Type, message.CreatedAt, message.Sequence, message.Payload.GetRawText()), (m.Id, m.Type, m.CreatedAt, m.Sequence, m.Payload.GetRawText()));
    }

    [Fact]
    public async Task WriteResponse_ThenRead_GivesTheSameResponse()
    {
        var response = new SyncResponse
        {
            Acknowledged = [Guid.CreateVersion7(), Guid.CreateVersion7()],
            Refusal = new SyncRefusal(SyncRefusalCode.ApplicationVersionTooOld, "only 34 and later"),
            NextInterval = TimeSpan.FromMinutes(5),
            ServerTime = _clock.GetUtcNow(),
        };
        using var body = new MemoryStream();

        await SyncWireFormat.WriteResponseAsync(body, response);
        body.Position = 0;
        var read = await SyncWireFormat.ReadResponseAsync(body);

        Assert.Equal(response.Acknowledged, read.Acknowledged);
        Assert.Equal((response.Refusal, response.NextInterval, response.ServerTime), (read.Refusal, read.NextInterval, read.ServerTime));
    }

    [Fact]
    public async Task ReadResponse_WithFieldsOfALaterVersion_IgnoresThem()
    {
        var json = """{"protocolVersion":2,"acknowledged":[],"firmwareCampaign":{"rows":[1,2]},"leaseToken":"abc","serverTime":"2026-11-30T10:00:00+00:00"}""";

        var read = await SyncWireFormat.ReadResponseAsync(new MemoryStream(Gzip(json)));

        Assert.Equal(2, read.ProtocolVersion);
        Assert.Empty(read.Acknowledged);
    }

    [Fact]
    public async Task ReadRequest_HeartbeatOfAnEarlierTerminal_ErrorNotAfterTheExchange()
    {
        var json = """{"protocolVersion":1,"terminalId":"till-07","heartbeat":{"applicationVersion":"34.2","lastError":"disk full"}}""";

        var read = await SyncWireFormat.ReadRequestAsync(new MemoryStream(Gzip(json)));

        Assert.Equal(("disk full", false), (read.Heartbeat.LastError, read.Heartbeat.LastErrorAfterExchange));
    }

    [Fact]
    public async Task ReadRequest_NotGzip_IsInvalidData()
    {
        await Assert.ThrowsAsync<InvalidDataException>(() => SyncWireFormat.ReadRequestAsync(new MemoryStream(Encoding.UTF8.GetBytes("{\"terminalId\":\"x\"}"))));
    }

    [Fact]
    public async Task ReadRequest_WithoutTerminalId_IsInvalidDataNamingTheType()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => SyncWireFormat.ReadRequestAsync(new MemoryStream(Gzip("""{"heartbeat":{"applicationVersion":"34"}}"""))));

        Assert.Contains("SyncRequest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRequest_ExpandingBeyondTheLimit_IsRefused()
    {
        var bomb = Gzip("{\"terminalId\":\"" + new string('a', (int)SyncWireFormat.MaxDecodedBytes + 10) + "\"}");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => SyncWireFormat.ReadRequestAsync(new MemoryStream(bomb)));

        Assert.Contains("expands beyond", error.Message, StringComparison.Ordinal);
        Assert.True(bomb.Length < 1024 * 1024, $"{bomb.Length} compressed bytes");
    }

    private static byte[] Gzip(string json)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        return buffer.ToArray();
    }
}
