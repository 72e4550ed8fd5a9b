namespace PosFleet;

/// <summary>Options shared by every PosFleet capability in a host.</summary>
public sealed class PosFleetOptions
{
    /// <summary>The id of this terminal when the host is a terminal; <see langword="null"/> in a back office.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? TerminalId { get; set; }

    /// <summary>The organization this host belongs to, when it belongs to one.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Organization { get; set; }
}
