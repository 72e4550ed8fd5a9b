using System.Globalization;

namespace PosFleet.Actions.BuiltIn;

/// <summary>What <see cref="LogArchiveWriter"/> packed.</summary>
/// <param name="Lines">The period's lines.</param>
/// <param name="KeptLines">The lines in the archive (the newest ones when it had to cut).</param>
/// <param name="MaskedPans">The card numbers masked.</param>
/// <param name="ArchiveBytes">The archive's size.</param>
internal sealed record LogArchiveResult(long Lines, long KeptLines, long MaskedPans, long ArchiveBytes)
{
    public bool Cut => KeptLines < Lines;

    public string Describe(DateTimeOffset from, DateTimeOffset to, long max) =>
        string.Create(CultureInfo.InvariantCulture, $"{Lines} log line(s) from {from:O} to {to:O}, {MaskedPans} card number(s) masked; archive of {ArchiveBytes} bytes (maximum {max})")
        + (Cut ? string.Create(CultureInfo.InvariantCulture, $"; cut: kept the newest {KeptLines} line(s), left out the {Lines - KeptLines} older ones.") : ".");
}
