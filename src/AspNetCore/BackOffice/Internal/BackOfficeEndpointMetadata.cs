namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>Marks the back office's endpoints with the prefix they were mapped under, so that pages link to each other.</summary>
/// <param name="Prefix">The prefix given to <c>MapPosFleetBackOffice</c>, such as <c>/fleet</c>.</param>
internal sealed record BackOfficeEndpointMetadata(string Prefix);
