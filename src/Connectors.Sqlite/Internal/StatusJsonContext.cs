using System.Text.Json.Serialization;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>The JSON arrays the status board query binds (organizations, healths, target versions), source-generated for NativeAOT.</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(string?[][]))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
