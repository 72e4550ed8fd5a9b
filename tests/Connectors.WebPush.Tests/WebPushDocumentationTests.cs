using PosFleet.Tests;

namespace PosFleet.Connectors.WebPush.Tests;

public sealed class WebPushDocumentationTests() : PackageDocumentationTests(typeof(WebPushNotifierOptions));
