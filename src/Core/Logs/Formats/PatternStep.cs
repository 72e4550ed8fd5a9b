namespace PosFleet.Logs.Formats;

/// <summary>What one step of a compiled pattern matches.</summary>
internal enum PatternStepKind : byte
{
    /// <summary>Exact bytes.</summary>
    Literal,

    /// <summary>One or more blanks (a run of blanks in the pattern).</summary>
    Blank,

    /// <summary>The timestamp, read token by token.</summary>
    Timestamp,
    Level,
    Component,
    Terminal,
    Organization,
    Message,

    /// <summary>A named field the engine has no use for (thread, pid, host …): matched and dropped.</summary>
    Skip,
}

/// <summary>One step of a compiled pattern.</summary>
/// <param name="Kind">What the step matches.</param>
/// <param name="Literal">For <see cref="PatternStepKind.Literal"/>, the bytes to match.</param>
/// <param name="Date">For <see cref="PatternStepKind.Timestamp"/>, the date tokens.</param>
internal sealed record PatternStep(PatternStepKind Kind, byte[] Literal, DateToken[] Date)
{
    public bool IsSeparator => Kind is PatternStepKind.Literal or PatternStepKind.Blank;
}

/// <summary>The date tokens a pattern's timestamp supports.</summary>
internal enum DateTokenKind : byte
{
    Literal,
    Blank,
    Year4,
    Year2,
    Month2,
    MonthName,
    Day2,
    Day,
    Hour2,
    Hour,
    Minute2,
    Minute,
    Second2,
    Second,
    Fraction,
    Offset,
}

/// <summary>One token of a pattern's timestamp format.</summary>
/// <param name="Kind">The token.</param>
/// <param name="Literal">For <see cref="DateTokenKind.Literal"/>, the byte to match.</param>
internal readonly record struct DateToken(DateTokenKind Kind, byte Literal = 0);
