namespace PosFleet.Tests.BackOffice;

/// <summary>The browser tests share one Chromium and one back office, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Back office in a browser";
}
