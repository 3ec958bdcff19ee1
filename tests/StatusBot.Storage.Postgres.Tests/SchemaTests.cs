namespace StatusBot.Storage.Postgres.Tests;

public sealed class SchemaTests
{
    [SkippableFact]
    public async Task Migrate_Twice_AppliesEachStepOnce()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var node = new PgNode(db.ConnectionString);

        var first = await node.Schema.MigrateAsync(CancellationToken.None);
        var second = await node.Schema.MigrateAsync(CancellationToken.None);

        Assert.Equal(PostgresSchema.LatestVersion, first);
        Assert.Equal(PostgresSchema.LatestVersion, second);
        Assert.Equal(PostgresSchema.LatestVersion, await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM schema_version"));
        Assert.Equal(0, await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM events"));
    }

    [SkippableFact]
    public async Task Migrate_FourInstancesStartingTogether_AllSucceedOnOneSchema()
    {
        await using var db = await PgKit.DatabaseAsync();
        var nodes = Enumerable.Range(0, 4).Select(i => new PgNode(db.ConnectionString, $"node-{i}")).ToList();
        try
        {
            var versions = await Task.WhenAll(nodes.Select(n => Task.Run(() => n.Schema.MigrateAsync(CancellationToken.None))));

            Assert.All(versions, v => Assert.Equal(PostgresSchema.LatestVersion, v));
            Assert.Equal(PostgresSchema.LatestVersion, await PgKit.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM schema_version"));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [SkippableFact]
    public async Task Migrate_SchemaFromANewerStatusBot_RefusedWithAClearMessage()
    {
        await using var db = await PgKit.DatabaseAsync();
        await using var node = new PgNode(db.ConnectionString);
        await node.Schema.MigrateAsync(CancellationToken.None);
        await PgKit.ExecuteAsync(db.ConnectionString, "INSERT INTO schema_version (version) VALUES (99)");

        var refused = await Assert.ThrowsAsync<StorageException>(() => node.Schema.MigrateAsync(CancellationToken.None));

        Assert.Contains("version 99", refused.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade StatusBot", refused.Message, StringComparison.Ordinal);
    }
}
