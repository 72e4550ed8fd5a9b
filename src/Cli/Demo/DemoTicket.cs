using System.Text.Json.Serialization;

namespace PosFleet.Cli.Demo;

/// <summary>The payload of a demo ticket's outbox message.</summary>
internal sealed record DemoTicket(string Id, decimal Total);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DemoTicket))]
internal sealed partial class DemoSyncJsonContext : JsonSerializerContext;
