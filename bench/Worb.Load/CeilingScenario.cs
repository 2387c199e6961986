using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Worb.Load;

/// <summary>
/// The ceiling: the peer design's bare storage. The same R × S × K values, in the order the chunks arrive, inserted
/// into <c>(run_id TEXT, step INTEGER, key TEXT, value REAL, PRIMARY KEY (run_id, key, step)) WITHOUT ROWID</c>
/// with one prepared statement, in transactions of <c>rowsPerTransaction</c> rows, WAL journal, synchronous=NORMAL.
/// </summary>
public static class CeilingScenario
{
    public static double Run(int runs, int steps, int metrics, int linesPerChunk, int rowsPerTransaction = 50_000)
    {
        var path = Path.Combine(Path.GetTempPath(), "worb-ceiling-" + Guid.NewGuid().ToString("N")[..10] + ".db");
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            using (var setup = connection.CreateCommand())
            {
                setup.CommandText = """
                    PRAGMA journal_mode = WAL;
                    PRAGMA synchronous = NORMAL;
                    CREATE TABLE history (run_id TEXT, step INTEGER, key TEXT, value REAL, PRIMARY KEY (run_id, key, step)) WITHOUT ROWID;
                    """;
                setup.ExecuteNonQuery();
            }
            var runIds = Enumerable.Range(0, runs).Select(r => Guid.NewGuid().ToString("N")[..8]).ToArray();
            var keys = Enumerable.Range(0, metrics).Select(HistoryChunks.MetricName).ToArray();
            var randoms = Enumerable.Range(0, runs).Select(r => new Random(r)).ToArray();

            var started = Stopwatch.GetTimestamp();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO history (run_id, step, key, value) VALUES ($run, $step, $key, $value);";
            var run = insert.Parameters.Add("$run", SqliteType.Text);
            var step = insert.Parameters.Add("$step", SqliteType.Integer);
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            var value = insert.Parameters.Add("$value", SqliteType.Real);
            insert.Prepare();
            var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            var inTransaction = 0;
            for (var chunkStart = 0; chunkStart < steps; chunkStart += linesPerChunk)
            {
                for (var r = 0; r < runs; r++)
                {
                    run.Value = runIds[r];
                    for (var s = chunkStart; s < Math.Min(steps, chunkStart + linesPerChunk); s++)
                    {
                        step.Value = s;
                        for (var m = 0; m < metrics; m++)
                        {
                            key.Value = keys[m];
                            value.Value = randoms[r].NextDouble();
                            insert.ExecuteNonQuery();
                            if (++inTransaction == rowsPerTransaction)
                            {
                                transaction.Commit();
                                transaction.Dispose();
                                transaction = connection.BeginTransaction();
                                insert.Transaction = transaction;
                                inTransaction = 0;
                            }
                        }
                    }
                }
            }
            transaction.Commit();
            transaction.Dispose();
            return Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
