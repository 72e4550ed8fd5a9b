namespace PosFleet.Status;

/// <summary>
/// How a terminal shows on the status board (seed 004), by rank: when several hold, the highest wins, so a terminal
/// whose last exchange failed is red even when it is also silent or behind.
/// </summary>
public enum TerminalHealth
{
    /// <summary>Synced, reporting on time, on the organization's target version.</summary>
    Green = 0,

    /// <summary>Its application version is behind the organization's target version: it needs an update.</summary>
    Yellow = 1,

    /// <summary>Silent: nothing heard for longer than its sync interval × <see cref="StatusOptions.SilenceFactor"/>.</summary>
    Grey = 2,

    /// <summary>Its last exchange failed; <see cref="TerminalStatus.LastSyncError"/> says why.</summary>
    Red = 3,
}
