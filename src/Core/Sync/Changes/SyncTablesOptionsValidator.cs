using Microsoft.Extensions.Options;

namespace PosFleet.Sync.Changes;

/// <summary>Refuses declarations that could not be tracked or imported safely, naming the table and the fix.</summary>
internal sealed class SyncTablesOptionsValidator : IValidateOptions<SyncTablesOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncTablesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxBatchRows < 1)
        {
            failures.Add($"SyncTablesOptions.MaxBatchRows is {options.MaxBatchRows}: set at least 1.");
        }

        if (options.MaxBatchBytes < 1024)
        {
            failures.Add($"SyncTablesOptions.MaxBatchBytes is {options.MaxBatchBytes}: set at least 1024.");
        }

        if (options.TombstoneRetention < TimeSpan.FromDays(1))
        {
            failures.Add($"SyncTablesOptions.TombstoneRetention is {options.TombstoneRetention}; it must be at least 1 day, and longer than a terminal may stay offline (the default is 30 days, as SyncBackOfficeOptions.InboxRetention).");
        }

        if (options.RetentionInterval <= TimeSpan.Zero)
        {
            failures.Add($"SyncTablesOptions.RetentionInterval is {options.RetentionInterval}; it must be more than zero (the default is 1 hour).");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in options.Tables)
        {
            if (table is null)
            {
                failures.Add("SyncTablesOptions.Tables holds a null table: remove it.");
                continue;
            }

            var label = SyncIdentifier.IsValid(table.Name) ? $"Sync table '{table.Name}'" : "A sync table";
            if (!SyncIdentifier.IsValid(table.Name))
            {
                failures.Add($"{label} has the name '{table.Name}': use letters, digits and underscores, not starting with a digit (at most 64).");
            }
            else if (SyncIdentifier.IsReserved(table.Name))
            {
                failures.Add($"{label}: names starting with sqlite_, sync_ or posfleet_ are reserved; rename the table.");
            }
            else if (!names.Add(table.Name))
            {
                failures.Add($"{label} is declared twice: declare each table once.");
            }

            if (table.KeyColumns is null || table.KeyColumns.Count == 0)
            {
                failures.Add($"{label} has no key column: set KeyColumns to its primary key, such as [\"id\"].");
            }

            var columns = (table.KeyColumns ?? []).Concat(table.Columns ?? []).Append(table.OrganizationColumn);
            foreach (var column in table.TerminalColumn is null ? columns : columns.Append(table.TerminalColumn))
            {
                if (!SyncIdentifier.IsValid(column))
                {
                    failures.Add($"{label} has the column name '{column}': use letters, digits and underscores, not starting with a digit (at most 64).");
                }
            }

            if (table.TerminalColumn is not null && table.KeyColumns?.Contains(table.TerminalColumn, StringComparer.OrdinalIgnoreCase) == true
                && table.KeyColumns.Count == 1)
            {
                failures.Add($"{label}: its terminal column '{table.TerminalColumn}' cannot be its whole key; assign rows with a column of their own.");
            }

            if (table.ConflictPolicy == SyncConflictPolicy.Custom && table.Resolver is null)
            {
                failures.Add($"{label} has the Custom conflict policy but no Resolver: set Resolver, or choose ServerWins, ClientWins or AppendOnly.");
            }
            else if (table.ConflictPolicy != SyncConflictPolicy.Custom && table.Resolver is not null)
            {
                failures.Add($"{label} has a Resolver but the {table.ConflictPolicy} conflict policy: set ConflictPolicy = Custom, or remove the resolver.");
            }
            else if (!Enum.IsDefined(table.ConflictPolicy))
            {
                failures.Add($"{label} has the conflict policy {(int)table.ConflictPolicy}: choose ServerWins, ClientWins, AppendOnly or Custom.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
