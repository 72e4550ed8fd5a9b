using System.Text;
using Microsoft.Extensions.Configuration;
using PosFleet.Digests;
using PosFleet.Logs;

namespace PosFleet.Tests.Digests;

public sealed class DigestConfigurationTests
{
    private const string AppSettings = """
        {
          "Digests": {
            "CatchUp": "All",
            "Subscriptions": [
              {
                "Id": "shop-12",
                "Name": "Shop 12 follow-up",
                "Recipients": [ "ana@example.es", "ops@example.com" ],
                "MinimumThreshold": 10,
                "Kinds": [ "Offline", "Fail" ],
                "Organization": "shop-12",
                "SendTime": "07:30",
                "TimeZone": "Europe/Madrid",
                "Window": "12:00:00",
                "Culture": "es-ES"
              },
              { "Id": "all", "Name": "Everything", "Recipients": [ "ops@example.com" ] }
            ]
          }
        }
        """;

    [Fact]
    public void Bind_AppSettings_ReadsEverySubscriptionField()
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(AppSettings))).Build();
        var options = new DigestOptions();

        configuration.GetSection("Digests").Bind(options);

        Assert.Equal(DigestCatchUp.All, options.CatchUp);
        var s = options.Subscriptions[0];
        Assert.Equal(["ana@example.es", "ops@example.com"], s.Recipients);
        Assert.True(s.Kinds!.SetEquals([LogKind.Offline, LogKind.Fail]));
        Assert.Equal((10, new TimeOnly(7, 30), "Europe/Madrid", TimeSpan.FromHours(12), "es-ES"), (s.MinimumThreshold, s.SendTime, s.TimeZone, s.Window, s.Culture));
        Assert.Empty(s.Validate());
        Assert.Null(options.Subscriptions[1].Kinds);
        Assert.Equal(4, options.Subscriptions[1].EffectiveKinds.Count);
        Assert.Equal(4, DigestSubscription.AllKinds.Count);
    }
}
