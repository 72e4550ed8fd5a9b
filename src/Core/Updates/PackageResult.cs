namespace PosFleet.Updates;

/// <summary>The answer and outcome of a terminal to one offered version.</summary>
public sealed record PackageResult
{
    /// <summary>The version offered.</summary>
    public required string Version { get; init; }

    /// <summary>What the terminal did.</summary>
    public required PackageOutcome Outcome { get; init; }

    /// <summary>Why, in words (the gate's reason, the installer's error, the hashes that differed), or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Detail { get; init; }

    /// <summary>When the terminal came to it, on its clock.</summary>
    public DateTimeOffset At { get; init; }
}
