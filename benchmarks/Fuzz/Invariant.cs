namespace PosFleet.Fuzz;

/// <summary>How the fuzz targets state what must hold.</summary>
internal static class Invariant
{
    /// <summary>Throws a <see cref="BrokenInvariantException"/> saying <paramref name="broken"/> when <paramref name="condition"/> does not hold.</summary>
    public static void Require(bool condition, string broken)
    {
        if (!condition)
        {
            throw new BrokenInvariantException(broken);
        }
    }
}
