namespace PosFleet.Connectors.PostgreSql.Tests;

public sealed class PostgreSqlDocumentationTests() : PackageDocumentationTests(typeof(PostgreSqlStorageOptions));
