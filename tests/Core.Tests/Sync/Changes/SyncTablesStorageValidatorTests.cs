using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosFleet.Sync.Changes;

namespace PosFleet.Core.Tests.Sync.Changes;

/// <summary>Sync tables declared on a back office whose storage tracks no changes fail start-up instead of never being sent.</summary>
public sealed class SyncTablesStorageValidatorTests
{
    [Fact]
    public async Task StartAsync_BackOfficeWithSyncTablesAndNoExporter_FailsNamingAddSyncTablesAndTheFix()
    {
        using var host = Host(terminalId: null, exporter: false);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("AddSyncTables declares the tables users", error.Message, StringComparison.Ordinal);
        Assert.Contains("no IChangeExporter", error.Message, StringComparison.Ordinal);
        Assert.Contains("UseSqliteStorage", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("till-01", false)]
    public async Task StartAsync_ExporterRegisteredOrTerminal_Starts(string? terminalId, bool exporter)
    {
        using var host = Host(terminalId, exporter);

        await host.StartAsync();

        Assert.Single(host.Services.GetRequiredService<IOptions<SyncTablesOptions>>().Value.Tables);
        await host.StopAsync();
    }

    private static IHost Host(string? terminalId, bool exporter)
    {
        var builder = new HostApplicationBuilder();
        if (exporter)
        {
            builder.Services.AddSingleton<IChangeExporter, NoChanges>();
        }

        builder.Services.AddPosFleet(o => { o.TerminalId = terminalId; o.Organization = terminalId is null ? null : "folder-1"; })
            .AddSyncTables(o => o.Tables.Add(new SyncTable { Name = "users", KeyColumns = ["id"], Columns = ["name"], OrganizationColumn = "folder" }));
        return builder.Build();
    }

    private sealed class NoChanges : IChangeExporter
    {
        public ValueTask<ChangeBatch> ExportAsync(string organization, string? terminalId, long checkpoint, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public ValueTask<IReadOnlyList<TerminalRowAssignment>> ListAssignmentsAsync(string organization, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
