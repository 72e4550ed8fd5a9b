namespace PosFleet.Actions;

/// <summary>An action as the terminal receives it in a <see cref="Sync.Exchange.SyncResponse"/>: what to run and within which limits.</summary>
public sealed record RemoteActionDelivery
{
    /// <summary>The action's id; a delivery received twice (a lost response) is run once.</summary>
    public required Guid Id { get; init; }

    /// <summary>The handler's name.</summary>
    public required string Name { get; init; }

    /// <summary>The handler's parameters.</summary>
    /// <value>The default value is an empty dictionary.</value>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>After this instant the terminal no longer runs it and reports it Expired.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>How long one attempt may run.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>The most attempts.</summary>
    public required int MaxAttempts { get; init; }

    /// <summary>Turns a stored action into what the terminal receives.</summary>
    /// <param name="action">The action.</param>
    /// <returns>The delivery.</returns>
    public static RemoteActionDelivery From(RemoteAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new()
        {
            Id = action.Id,
            Name = action.Name,
            Parameters = action.Parameters,
            ExpiresAt = action.ExpiresAt,
            Timeout = action.Timeout,
            MaxAttempts = action.MaxAttempts,
        };
    }
}
