using PosFleet.AspNetCore.BackOffice;
using PosFleet.Tests;

namespace PosFleet.AspNetCore.Tests;

public sealed class AspNetCoreDocumentationTests() : PackageDocumentationTests(typeof(BackOfficeOptions));
