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
    [InlineData("posfleet_schema", "id", "reserved")]
    [InlineData("1items", "id", "not starting with a digit")]
    public void Validate_UnsafeOrReservedName_FailsNamingTheFix(string table, string key, string expected)
    {
        var options = new SyncTablesOptions();
        options.Tables.Add(new SyncTable { Name = table, KeyColumns = [key], OrganizationColumn = "organization" });

        var result = new SyncTablesOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5, 1.0, "SyncTablesOptions.TombstoneRetention is 12:00:00; it must be at least 1 day")]
    [InlineData(30.0, 0.0, "SyncTablesOptions.RetentionInterval is 00:00:00; it must be more than zero")]
    public void Validate_TombstoneRetentionTooShortOrNoInterval_FailsNamingTheOptionAndTheFix(double retentionDays, double intervalHours, string expected)
    {
        var options = new SyncTablesOptions { TombstoneRetention = TimeSpan.FromDays(retentionDays), RetentionInterval = TimeSpan.FromHours(intervalHours) };

        var result = new SyncTablesOptionsValidator().Validate(null, options);

        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Default_KeepsTombstonesThirtyDaysAsTheInbox()
    {
        var options = new SyncTablesOptions();

        Assert.Equal(TimeSpan.FromDays(30), options.TombstoneRetention);
        Assert.Equal(new PosFleet.Sync.SyncBackOfficeOptions().InboxRetention, options.TombstoneRetention);
        Assert.True(new SyncTablesOptionsValidator().Validate(null, options).Succeeded);
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
