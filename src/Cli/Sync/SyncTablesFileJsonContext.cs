using System.Text.Json;
using System.Text.Json.Serialization;

namespace PosFleet.Cli.Sync;

/// <summary>Source-generated reading of the tables file: camelCase, enums as strings, unknown fields refused.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(TablesFileModel))]
internal sealed partial class SyncTablesFileJsonContext : JsonSerializerContext;
