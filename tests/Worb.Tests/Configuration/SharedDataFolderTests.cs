using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Worb.Api.Security;
using Worb.Grains;
using Worb.Grains.Storage;

namespace Worb.Tests.Configuration;

/// <summary>Several silos starting together on one data folder, as the multi-silo deployment does.</summary>
public sealed class SharedDataFolderTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "worb-shared-" + Guid.NewGuid().ToString("N")[..12]);

    public SharedDataFolderTests() => Directory.CreateDirectory(_data);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Silos_creating_the_signing_secret_at_once_all_end_up_with_the_same_key()
    {
        var options = Options.Create(new WorbOptions { Data = _data });

        using var start = new Barrier(8);
        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return new ServerSecret(options).KeyFor("upload");
        }, TaskCreationOptions.LongRunning)));

        Assert.All(keys, key => Assert.Equal(keys[0], key));
        Assert.Equal(keys[0], new ServerSecret(options).KeyFor("upload"));
        Assert.Equal(["secret.key"], Directory.GetFiles(_data).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Silos_initialising_one_database_at_once_apply_each_migration_once()
    {
        var path = Path.Combine(_data, "worb.db");

        using var start = new Barrier(4);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            new WorbDatabase(path).InitializeAsync().GetAwaiter().GetResult();
        }, TaskCreationOptions.LongRunning)));

        await using var connection = await new WorbDatabase(path).OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        Assert.True(Convert.ToInt32(await command.ExecuteScalarAsync()) > 0);
    }
}
