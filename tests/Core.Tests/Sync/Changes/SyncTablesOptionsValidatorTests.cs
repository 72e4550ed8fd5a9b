using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Sync.Changes;

namespace PosFleet.Core.Tests.Sync.Changes;

public sealed class SyncTablesOptionsValidatorTests
{
    [Fact]
    public void Validate_WellDeclaredTables_Succeeds()
    {
        var options = new SyncTablesOptions();
        options.Tables.Add(new SyncTable { Name = "users", KeyColumns = ["id"], Columns = ["name"], OrganizationColumn = "folder", TerminalColumn = "terminal_id" });

        Assert.True(new SyncTablesOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("items\"; DROP TABLE items; --", "id", "letters, digits and underscores")]
    [InlineData("items", "id) VALUES (1); --", "column name")]
    [InlineData("sync_changes", "id", "reserved")]
    [InlineData("1items", "id", "not starting with a digit")]
    public void Validate_UnsafeOrReservedName_FailsNamingTheFix(string table, string key, string expected)
    {
        var options = new SyncTablesOptions();
        options.Tables.Add(new SyncTable { Name = table, KeyColumns = [key], OrganizationColumn = "organization" });

        var result = new SyncTablesOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CustomPolicyWithoutResolver_FailsNamingTheTable()
    {
        var options = new SyncTablesOptions();
        options.Tables.Add(new SyncTable { Name = "prices", KeyColumns = ["id"], OrganizationColumn = "organization", ConflictPolicy = SyncConflictPolicy.Custom });

        var result = new SyncTablesOptionsValidator().Validate(null, options);

        Assert.Contains("Sync table 'prices' has the Custom conflict policy but no Resolver", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TableDeclaredTwiceAndNoKey_ReportsBoth()
    {
        var options = new SyncTablesOptions { MaxBatchRows = 0 };
        options.Tables.Add(new SyncTable { Name = "items", KeyColumns = ["id"], OrganizationColumn = "organization" });
        options.Tables.Add(new SyncTable { Name = "ITEMS", KeyColumns = [], OrganizationColumn = "organization" });

        var result = new SyncTablesOptionsValidator().Validate(null, options);

        Assert.Contains("declared twice", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("has no key column", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("MaxBatchRows", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSyncTables_InvalidDeclaration_FailsAtStartUp()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddSyncTables(o => o.Tables.Add(new SyncTable { Name = "bad name", KeyColumns = ["id"], OrganizationColumn = "organization" }));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SyncTablesOptions>>().Value);

        Assert.Contains("'bad name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllColumns_KeyAlsoListed_EachColumnOnceInOrder()
    {
        var table = new SyncTable { Name = "users", KeyColumns = ["id"], Columns = ["id", "name"], OrganizationColumn = "folder", TerminalColumn = "terminal_id" };

        Assert.Equal(["id", "name", "folder", "terminal_id"], table.AllColumns());
    }
}
