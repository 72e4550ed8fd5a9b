namespace PosFleet.Tests.BackOffice;

/// <summary>The browser tests share one Chromium and one back office, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Back office in a browser";

    /// <summary>The trait of the browser tests: <c>dotnet test --filter Category=Browser</c> runs them alone.</summary>
    public const string Category = "Browser";
}
