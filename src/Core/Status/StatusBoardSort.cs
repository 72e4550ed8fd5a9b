namespace PosFleet.Status;

/// <summary>The order of the status board's rows; every order ends on the terminal id, so pages never overlap.</summary>
public enum StatusBoardSort
{
    /// <summary>By organization, then terminal id.</summary>
    Organization = 0,

    /// <summary>By terminal id.</summary>
    Terminal = 1,

    /// <summary>Most recently heard first, then terminal id.</summary>
    LastHeard = 2,

    /// <summary>Red first, then grey, yellow, green; then organization and terminal id.</summary>
    Health = 3,
}
