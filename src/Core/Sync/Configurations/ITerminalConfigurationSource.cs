using Microsoft.Extensions.Primitives;

namespace PosFleet.Sync.Configurations;

/// <summary>
/// The configuration a terminal runs, as its sync agent received it from the back office. A host reads
/// <see cref="Current"/>, and reloads on <see cref="GetReloadToken"/> (as an <c>IOptionsMonitor</c> change token
/// source would) or on <see cref="Changed"/>; the agent syncs on its interval.
/// </summary>
public interface ITerminalConfigurationSource
{
    /// <summary>The configuration applied last, or <see langword="null"/> before the first one arrives.</summary>
    TerminalConfiguration? Current { get; }

    /// <summary>Raised after a new configuration is applied, before the agent reports its version.</summary>
    event EventHandler<TerminalConfiguration>? Changed;

    /// <summary>A token that fires once the next configuration is applied (<c>ChangeToken.OnChange(source.GetReloadToken, ...)</c>).</summary>
    /// <returns>The token.</returns>
    IChangeToken GetReloadToken();
}
