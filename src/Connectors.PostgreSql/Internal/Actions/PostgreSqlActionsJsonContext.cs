using System.Text.Json.Serialization;
using PosFleet.Actions;

namespace PosFleet.Connectors.PostgreSql.Internal.Actions;

/// <summary>The JSON the terminal's journal keeps: deliveries and reports, as on the wire.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(RemoteActionDelivery))]
[JsonSerializable(typeof(RemoteActionReport))]
internal sealed partial class PostgreSqlActionsJsonContext : JsonSerializerContext;
