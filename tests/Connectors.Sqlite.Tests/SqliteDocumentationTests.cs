namespace PosFleet.Connectors.Sqlite.Tests;

public sealed class SqliteDocumentationTests() : PackageDocumentationTests(typeof(SqlitePosFleetBuilderExtensions));
