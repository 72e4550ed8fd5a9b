namespace PosFleet.Connectors.Email;

/// <summary>Where the pickup-folder notifier writes its <c>.eml</c> files.</summary>
public sealed class PickupFolderNotifierOptions
{
    /// <summary>The folder; created when missing.</summary>
    /// <value>The default value is <c>mail</c>.</value>
    public string Directory { get; set; } = "mail";

    /// <summary>The sender written in each message.</summary>
    /// <value>The default value is <c>PosFleet &lt;posfleet@localhost&gt;</c>.</value>
    public string From { get; set; } = "PosFleet <posfleet@localhost>";
}
