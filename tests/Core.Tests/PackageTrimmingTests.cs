using System.Reflection;
using PosFleet.Actions;
using PosFleet.Testing.Actions;

namespace PosFleet.Tests;

/// <summary>
/// What the packages claim to trimming and NativeAOT builds: Core, as the other libraries, is trimmable; the conformance
/// suites (xUnit test code) are not, and their own setting is kept over the libraries' default.
/// </summary>
public sealed class PackageTrimmingTests
{
    [Fact]
    public void IsTrimmable_CorePackage_Claimed() =>
        Assert.Contains(MetadataOf(typeof(ActionsPosFleetBuilderExtensions).Assembly), m => m is { Key: "IsTrimmable", Value: "True" });

    [Fact]
    public void IsTrimmable_TestingPackage_NotClaimed() =>
        Assert.DoesNotContain(MetadataOf(typeof(RemoteActionStoreConformanceTests).Assembly), m => m.Key == "IsTrimmable");

    private static IEnumerable<AssemblyMetadataAttribute> MetadataOf(Assembly assembly) => assembly.GetCustomAttributes<AssemblyMetadataAttribute>();
}
