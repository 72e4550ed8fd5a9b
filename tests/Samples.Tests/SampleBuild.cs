namespace PosFleet.Samples.Tests;

/// <summary>Where a sample's own build output is for this configuration (tests/Samples.Tests/bin/Release/net10.0 → samples/X/bin/Release/net10.0).</summary>
internal static class SampleBuild
{
    public static string PathOf(string sample, string assembly)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Sdk.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        return Path.Combine(root.FullName, "samples", sample, "bin", configuration, "net10.0", assembly);
    }
}
