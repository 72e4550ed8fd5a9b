using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace PosFleet.Tests.Logs.Classification;

/// <summary>
/// A test of the keyword marks: skipped, and said so, on a processor without byte shuffles (SSSE3, or arm64's AdvSimd),
/// where no marks are made and every line is searched on its own.
/// </summary>
internal sealed class ShufflesTheoryAttribute : TheoryAttribute
{
    public ShufflesTheoryAttribute()
    {
        if (!Ssse3.IsSupported && !AdvSimd.Arm64.IsSupported)
        {
            Skip = "The keyword marks need byte shuffles (SSSE3 or arm64's AdvSimd); without them every line is searched on its own.";
        }
    }
}
