using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Logs;

namespace PosFleet.Cli.Tests;

/// <summary>
/// src/Cli/Options.rd.xml names the generic types of the options that composing the scan validates at start, so that the
/// NativeAOT binary has them compiled rather than built by the runtime at every start. The list must be exactly what the
/// container asks for, worked out here from its own registrations: a type the package's next version resolves another
/// way, or an options type added to the composition, fails this test rather than quietly costing the start again.
/// </summary>
public sealed class OptionsRdXmlTests
{
    private static readonly Type[] Listed = [.. XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Options.rd.xml"))
        .Descendants()
        .Where(e => e.Name.LocalName == "Type")
        .Select(e => Type.GetType($"{(string)e.Attribute("Name")!}, Microsoft.Extensions.Options", throwOnError: true)!)];

    [Fact]
    public void TheList_IsWhatTheScansCompositionResolves()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddLogs();
        var validated = services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(t => t.GetGenericArguments()[0])
            .Distinct()
            .ToList();
        var startup = typeof(IOptions<>).Assembly.GetType("Microsoft.Extensions.Options.StartupValidatorOptions", throwOnError: true)!;

        // What each open registration resolves to, and the arrays the factory's and the monitor's constructors take.
        var expected = new HashSet<Type>();
        foreach (var options in validated.Append(startup))
        {
            foreach (var service in new[] { typeof(IOptions<>), typeof(IOptionsMonitor<>), typeof(IOptionsFactory<>), typeof(IOptionsMonitorCache<>) })
            {
                var implementation = Assert.Single(services, d => d.ServiceType == service).ImplementationType!.MakeGenericType(options);
                expected.Add(implementation);
                foreach (var parameter in implementation.GetConstructors().SelectMany(c => c.GetParameters()))
                {
                    if (parameter.ParameterType.IsGenericType && parameter.ParameterType.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                    {
                        expected.Add(parameter.ParameterType.GetGenericArguments()[0].MakeArrayType());
                    }
                }
            }
        }

        Assert.Equal(4, validated.Count);
        Assert.Equal(5 * 8, expected.Count);
        Assert.Equal(expected.Select(t => t.ToString()).Order(StringComparer.Ordinal), Listed.Select(t => t.ToString()).Order(StringComparer.Ordinal));
    }
}
