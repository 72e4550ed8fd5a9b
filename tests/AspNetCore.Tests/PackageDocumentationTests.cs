using System.Reflection;
using PosFleet.AspNetCore.BackOffice;
using PosFleet.Connectors.Email;
using PosFleet.Connectors.Sqlite;
using PosFleet.Connectors.WebPush;
using PosFleet.Tests;

namespace PosFleet.AspNetCore.Tests;

/// <summary>The packages ship their XML documentation: every public type has a summary in it.</summary>
public sealed class PackageDocumentationTests
{
    private static readonly Assembly[] Assemblies =
    [
        typeof(BackOfficeOptions).Assembly,
        typeof(SqlitePosFleetBuilderExtensions).Assembly,
        typeof(EmailPosFleetBuilderExtensions).Assembly,
        typeof(WebPushNotifierOptions).Assembly,
    ];

    public static TheoryData<string> Packages => new(Assemblies.Select(a => a.GetName().Name!));

    [Theory]
    [MemberData(nameof(Packages))]
    public void Every_public_type_has_its_summary_in_the_documentation_file(string package)
    {
        var assembly = Assemblies.Single(a => a.GetName().Name == package);

        PackageDocumentation.AssertEveryPublicTypeDocumented(assembly);
    }
}
