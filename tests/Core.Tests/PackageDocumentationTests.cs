using PosFleet.Actions;
using PosFleet.Testing.Actions;

namespace PosFleet.Tests;

/// <summary>The packages ship their XML documentation: every public type has a summary in it.</summary>
public sealed class PackageDocumentationTests
{
    public static TheoryData<string> Packages => new() { "PosFleet.Core", "PosFleet.Testing" };

    [Theory]
    [MemberData(nameof(Packages))]
    public void Every_public_type_has_its_summary_in_the_documentation_file(string package)
    {
        var assembly = new[] { typeof(ActionsPosFleetBuilderExtensions).Assembly, typeof(RemoteActionStoreConformanceTests).Assembly }
            .Single(a => a.GetName().Name == package);

        PackageDocumentation.AssertEveryPublicTypeDocumented(assembly);
    }
}
