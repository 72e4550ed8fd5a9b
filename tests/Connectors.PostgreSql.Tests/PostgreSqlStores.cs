using Microsoft.Extensions.DependencyInjection;

namespace PosFleet.Connectors.PostgreSql.Tests;

/// <summary>Stores on new databases of the test run's server, each through its own service provider registered as a host would.</summary>
public sealed class PostgreSqlStores(PostgreSqlServer server) : IDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    /// <summary>A store of type <typeparamref name="T"/> on a new database, with the capabilities <paramref name="register"/> adds.</summary>
    public async Task<T> NewAsync<T>(Action<IPosFleetBuilder> register)
        where T : notnull
    {
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddPosFleet(o => o.TerminalId = "till-01");
        register(builder);
        builder.UsePostgreSqlStorage(await server.CreateDatabaseAsync());
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<T>();
    }

    /// <summary>A store of type <typeparamref name="T"/> on an existing database of the server (one a test prepared itself).</summary>
    public T On<T>(string connectionString)
        where T : notnull
    {
        var services = new ServiceCollection().AddLogging();
        services.AddPosFleet().UsePostgreSqlStorage(connectionString);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<T>();
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }
}
