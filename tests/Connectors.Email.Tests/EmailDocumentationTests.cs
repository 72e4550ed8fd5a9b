using PosFleet.Tests;

namespace PosFleet.Connectors.Email.Tests;

public sealed class EmailDocumentationTests() : PackageDocumentationTests(typeof(EmailPosFleetBuilderExtensions));
