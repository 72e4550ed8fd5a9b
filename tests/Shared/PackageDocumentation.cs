using System.Reflection;
using System.Xml.Linq;

namespace PosFleet.Tests;

/// <summary>
/// What a package's users read in their editor: the XML documentation file the build writes beside a shipping assembly,
/// which NuGet packs with it.
/// </summary>
public static class PackageDocumentation
{
    /// <summary>
    /// Fails unless <paramref name="assembly"/> has public types and its documentation file gives each a summary (or an
    /// <c>inheritdoc</c>), naming those it does not.
    /// </summary>
    public static void AssertEveryPublicTypeDocumented(Assembly assembly)
    {
        Assert.NotEmpty(assembly.GetExportedTypes());
        Assert.Empty(Undocumented(assembly));
    }

    private static List<string> Undocumented(Assembly assembly)
    {
        var file = Path.ChangeExtension(assembly.Location, ".xml");
        Assert.True(File.Exists(file), $"{assembly.GetName().Name} has no documentation file beside it ({file}): its package would ship without one.");
        var documented = XDocument.Load(file).Descendants("member")
            .Where(m => !string.IsNullOrWhiteSpace((string?)m.Element("summary")) || m.Element("inheritdoc") is not null)
            .Select(m => (string)m.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);
        return [.. assembly.GetExportedTypes().Select(t => "T:" + t.FullName!.Replace('+', '.')).Where(id => !documented.Contains(id))];
    }
}
