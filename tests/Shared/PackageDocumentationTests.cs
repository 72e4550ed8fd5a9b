using System.Reflection;
using System.Xml.Linq;

namespace PosFleet.Tests;

/// <summary>
/// A package ships its XML documentation, what its users read in their editor: the file the build writes beside the
/// assembly, which NuGet packs with it, gives every public type a summary. Each package's test project derives this
/// class once, naming a public type of the package.
/// </summary>
/// <param name="ofPackage">A public type of each package tested.</param>
public abstract class PackageDocumentationTests(params Type[] ofPackage)
{
    [Fact]
    public void DocumentationFile_ShippingAssembly_SummarisesEveryPublicType()
    {
        Assert.NotEmpty(ofPackage);
        foreach (var assembly in ofPackage.Select(t => t.Assembly))
        {
            var name = assembly.GetName().Name;
            var file = Path.ChangeExtension(assembly.Location, ".xml");
            Assert.True(File.Exists(file), $"{name} has no documentation file beside it ({file}): its package would ship without one.");
            var types = assembly.GetExportedTypes();
            Assert.NotEmpty(types);
            var summarised = Summarised(file);
            Assert.Empty(types.Select(t => "T:" + t.FullName!.Replace('+', '.')).Where(id => !summarised.Contains(id)).Select(id => $"{name}: {id}"));
        }
    }

    /// <summary>The members the file gives a summary (text, or a reference alone) or an <c>inheritdoc</c>.</summary>
    private static HashSet<string> Summarised(string file) =>
        XDocument.Load(file).Descendants("member")
            .Where(m => m.Element("summary") is { } s ? !string.IsNullOrWhiteSpace(s.Value) || s.HasElements : m.Element("inheritdoc") is not null)
            .Select(m => (string)m.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);
}
