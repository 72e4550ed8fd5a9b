namespace PosFleet.Actions.Terminal;

/// <summary>An action in the terminal's journal.</summary>
public sealed record RemoteActionEntry
{
    /// <summary>The action as delivered.</summary>
    public required RemoteActionDelivery Delivery { get; init; }

    /// <summary>Its state here.</summary>
    public required RemoteActionEntryState State { get; init; }

    /// <summary>The last attempt started (0 before the first).</summary>
    /// <value>The default value is 0.</value>
    public int Attempt { get; init; }

    /// <summary>When it was first received.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The file to upload (while <see cref="RemoteActionEntryState.Uploading"/>), or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? UploadPath { get; init; }

    /// <summary>How many bytes of <see cref="UploadPath"/> the back office acknowledged.</summary>
    /// <value>The default value is 0.</value>
    public long Uploaded { get; init; }
}
