using System.Text.Json.Serialization;

namespace PosFleet.Sync.Changes;

/// <summary>The source-generated JSON of a change batch in a file, with the exchange's conventions.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ChangeBatch))]
internal sealed partial class ChangeBatchJsonContext : JsonSerializerContext;
