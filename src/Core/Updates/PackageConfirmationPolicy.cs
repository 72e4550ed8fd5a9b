namespace PosFleet.Updates;

/// <summary>Whether the till's user is asked before a package is installed (seed 003: Toujours / Une seule fois / Jamais).</summary>
public enum PackageConfirmationPolicy
{
    /// <summary>Ask before each package.</summary>
    Always,

    /// <summary>Ask for the first package; once confirmed, install the next ones unattended.</summary>
    Once,

    /// <summary>Never ask (piloted, silent): install every package offered.</summary>
    Never,
}
