namespace PosFleet.Tests.BackOffice.Pages;

/// <summary>One <see cref="StatusPagesHost"/> shared by the tests of a class that only read from it.</summary>
public sealed class StatusPagesHostFixture : IAsyncLifetime
{
    private StatusPagesHost? _host;

    internal StatusPagesHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync() => _host = await StatusPagesHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
