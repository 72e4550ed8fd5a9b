using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Cli.Commands;
using PosFleet.Updates;

namespace PosFleet.Cli.Updates;

internal static partial class PackageCommand
{
    private static Command List()
    {
        var store = StoreAccess.StoreOption();
        var package = new Option<string?>("--package") { Description = "Only this package's releases." };
        var json = JsonOption();
        var command = new Command("list", "Lists the published packages and every organization's target with its rollout.") { store, package, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (access, code) = PackageStores.OpenBackOffice(parse.GetValue(store)!, create: false);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                var packages = access.Services.GetRequiredService<IPackageStore>();
                var releases = await packages.ListReleasesAsync(parse.GetValue(package), cancellationToken);
                if (parse.GetValue(json))
                {
                    PackageJson.WriteList(releases, await packages.ListTargetsAsync(cancellationToken));
                    return ExitCodes.Success;
                }

                Console.Out.WriteLine(releases.Count == 0 ? "No package is published." : "package  version  channel  bytes  sha256  location");
                foreach (var r in releases)
                {
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DisplayText.Escape(r.PackageId)}  {DisplayText.Escape(r.Version)}  {DisplayText.Escape(r.Channel)}  {r.Size}  {r.Sha256}  {DisplayText.Address(r.Location)}"));
                }

                foreach (var t in await packages.ListTargetsAsync(cancellationToken))
                {
                    Console.Out.WriteLine($"target {DisplayText.Escape(t.Organization)}: {DisplayText.Escape(t.PackageId)} {DisplayText.Escape(t.Version)}, {Describe(t.Rollout)}");
                }

                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command Rollout()
    {
        var store = StoreAccess.StoreOption();
        var organization = OrganizationOption();
        var halt = new Option<string?>("--halt") { Description = "Halts the rollout with this reason: nothing more is offered until --resume." };
        var resume = new Option<bool>("--resume") { Description = "Resumes a halted rollout at its stage." };
        var widen = new Option<bool>("--widen") { Description = "Moves to the next stage now, without waiting for the current stage's results." };
        var json = JsonOption();
        var command = new Command("rollout", "Shows an organization's rollout (stage, halted and why, each terminal's version and last answer); --halt, --resume or --widen steer it.")
        {
            store, organization, halt, resume, widen, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var org = parse.GetValue(organization)!;
            var steps = (parse.GetValue(halt) is not null ? 1 : 0) + (parse.GetValue(resume) ? 1 : 0) + (parse.GetValue(widen) ? 1 : 0);
            if (steps > 1)
            {
                return ScanCommand.Fail(ExitCodes.Usage, "Use one of --halt, --resume and --widen at a time.");
            }

            var (access, code) = PackageStores.OpenBackOffice(parse.GetValue(store)!, create: steps > 0);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                var catalog = access.Services.GetRequiredService<IPackageCatalog>();
                var changed = parse.GetValue(halt) is { } reason ? await catalog.HaltAsync(org, reason, cancellationToken)
                    : parse.GetValue(resume) ? await catalog.ResumeAsync(org, cancellationToken)
                    : parse.GetValue(widen) ? await catalog.WidenAsync(org, cancellationToken)
                    : null;
                var view = await catalog.GetRolloutAsync(org, cancellationToken);
                if (view is null || (steps > 0 && changed is null))
                {
                    return ScanCommand.Fail(ExitCodes.Usage, $"Organization '{DisplayText.Escape(org)}' has no target: set one with 'posfleet package target'.");
                }

                if (parse.GetValue(json))
                {
                    PackageJson.WriteRollout(view);
                }
                else
                {
                    Write(view);
                }

                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static void Write(PackageRolloutView view)
    {
        var t = view.Target;
        Console.Out.WriteLine($"organization {DisplayText.Escape(t.Organization)}");
        Console.Out.WriteLine($"target {DisplayText.Escape(t.PackageId)} {DisplayText.Escape(t.Version)}");
        Console.Out.WriteLine($"rollout {Describe(t.Rollout)}");
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"terminals {view.Terminals.Count}, offered {view.Terminals.Count(x => x.Selected)}, installed {view.Installed}, failed {view.Failed}, declined {view.Declined}"));
        foreach (var terminal in view.Terminals)
        {
            var s = terminal.Status;
            var result = s?.LastResult is { } r
                ? string.Create(CultureInfo.InvariantCulture, $"{r.Outcome.ToString().ToLowerInvariant()} {DisplayText.Escape(r.Version)} at {r.At.UtcDateTime:yyyy-MM-dd HH:mm}Z{(r.Detail is null ? "" : $": {DisplayText.Escape(r.Detail)}")}")
                : "no answer yet";
            Console.Out.WriteLine($"{DisplayText.Escape(terminal.TerminalId)}  {(terminal.Selected ? "in stage" : "waiting")}  runs {DisplayText.Escape(s?.InstalledVersion ?? "?")}  {result}");
        }
    }

    private static string Describe(PackageRollout rollout) => string.Create(CultureInfo.InvariantCulture,
        $"stage {rollout.Stage + 1} of {rollout.Stages.Count} ({rollout.CurrentShare} %), {(rollout.HaltedReason is { } reason ? $"HALTED: {DisplayText.Escape(reason)}" : "running")}");
}
