using PosFleet.Actions;
using PosFleet.Testing.Actions;

namespace PosFleet.Tests;

public sealed class CoreDocumentationTests() : PackageDocumentationTests(typeof(ActionsPosFleetBuilderExtensions), typeof(RemoteActionStoreConformanceTests));
