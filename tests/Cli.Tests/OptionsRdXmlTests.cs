using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Logs;

namespace PosFleet.Cli.Tests;

/// <summary>
/// src/Cli/Options.rd.xml names the generic types of the options that composing a command validates at start, so that the
/// NativeAOT binary has them compiled rather than built by the runtime at every start: each name must be a real type, and
/// every options type the scan's composition validates must be there.
/// </summary>
public sealed class OptionsRdXmlTests
{
    private static readonly string[] Listed = [.. XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Options.rd.xml"))
        .Descendants()
        .Where(e => e.Name.LocalName == "Type")
        .Select(e => (string)e.Attribute("Name")!)];

    [Fact]
    public void EveryName_IsAType()
    {
        Assert.NotEmpty(Listed);
        Assert.All(Listed, name => Assert.NotNull(Type.GetType($"{name}, Microsoft.Extensions.Options", throwOnError: true)));
    }

    [Fact]
    public void EveryOptionsTypeTheScanValidatesAtStart_IsListed()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddLogs();
        var validated = services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(t => t.GetGenericArguments()[0])
            .Distinct()
            .ToList();

        Assert.Equal(4, validated.Count);
        foreach (var options in validated)
        {
            var argument = $"[[{options.FullName},{options.Assembly.GetName().Name}]]";
            foreach (var generic in new[] { "UnnamedOptionsManager`1", "OptionsMonitor`1", "OptionsFactory`1", "OptionsCache`1" })
            {
                Assert.Contains($"Microsoft.Extensions.Options.{generic}{argument}", Listed);
            }

            Assert.Contains($"Microsoft.Extensions.Options.IValidateOptions`1{argument}[]", Listed);
        }
    }
}
