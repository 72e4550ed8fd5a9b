using System.Text.Json.Serialization;

namespace PosFleet.Sync.Exchange;

/// <summary>
/// The source-generated JSON of the exchange (no reflection, so NativeAOT hosts can use it): camelCase names, nulls
/// left out, enums as names, unknown fields ignored — which is what lets either side add optional fields.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(SyncRequest))]
[JsonSerializable(typeof(SyncResponse))]
internal sealed partial class SyncJsonContext : JsonSerializerContext;
