using System.Text.Json.Serialization;

namespace PosFleet.Samples.TerminalAgent;

/// <summary>A ticket as the outbox message carries it to the back office.</summary>
internal sealed record Ticket(string Id, decimal Total);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Ticket))]
internal sealed partial class TicketJsonContext : JsonSerializerContext;
