using PosFleet.Tests;

namespace PosFleet.Connectors.Http.Tests;

public sealed class HttpDocumentationTests() : PackageDocumentationTests(typeof(HttpSyncPosFleetBuilderExtensions));
