using System.Text.Json.Serialization;
using PosFleet.Actions;

namespace PosFleet.Connectors.Sqlite.Internal.Actions;

/// <summary>The JSON of what the actions tables keep as documents: parameters, deliveries and reports (as on the wire).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(RemoteActionDelivery))]
[JsonSerializable(typeof(RemoteActionReport))]
internal sealed partial class SqliteActionsJsonContext : JsonSerializerContext;
