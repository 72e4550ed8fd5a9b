namespace PosFleet.Cli;

/// <summary>The exit codes of <c>posfleet</c>, documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked was done.</summary>
    public const int Success = 0;

    /// <summary>The command line is wrong (unknown option, bad value).</summary>
    public const int Usage = 2;

    /// <summary>An input could not be read (missing, empty, unreadable); the others were still scanned.</summary>
    public const int UnreadableInput = 3;

    /// <summary>The options or the rules file are invalid.</summary>
    public const int InvalidConfiguration = 4;

    /// <summary>The store cannot be used: not a SQLite database, corrupt, written by a newer version, missing, or not writable. Nothing was changed.</summary>
    public const int StoreUnavailable = 5;

    /// <summary><c>digest run</c>: no digest was sent because the count was below the threshold, or no window was due.</summary>
    public const int DigestNotSent = 10;

    /// <summary><c>digest run</c>: a digest could not be delivered to every recipient (failed, or pending a retry).</summary>
    public const int DigestFailed = 11;

    /// <summary><c>changes import</c>: the file's signature was refused — changed after signing, signed by another key, or unsigned — and nothing was imported.</summary>
    public const int SignatureRefused = 13;

    /// <summary><c>action cancel</c>: too late — the action was already delivered to its terminal (or is done); nothing was changed.</summary>
    public const int ActionNotCanceled = 14;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Canceled = 130;
}
