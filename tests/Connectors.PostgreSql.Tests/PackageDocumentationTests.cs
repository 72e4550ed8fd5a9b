using PosFleet.Tests;

namespace PosFleet.Connectors.PostgreSql.Tests;

/// <summary>The package ships its XML documentation: every public type has a summary in it.</summary>
public sealed class PackageDocumentationTests
{
    [Fact]
    public void Every_public_type_has_its_summary_in_the_documentation_file()
    {
        PackageDocumentation.AssertEveryPublicTypeDocumented(typeof(PostgreSqlStorageOptions).Assembly);
    }
}
