using System.Text;

namespace Worb.Browser.Tests.Infrastructure;

/// <summary>
/// A project with artifacts, ingested through the protocol: run <c>producer</c> logs <c>dataset:v0</c> (two files,
/// alias <c>first</c>), the table artifact <c>predictions:v0</c> (<c>predictions.table.json</c>) and <c>dataset:v1</c>
/// (aliases <c>latest</c>, <c>best</c>), and a run media table referenced from its history and summary; run <c>consumer</c> uses
/// <c>dataset:v0</c>.
/// </summary>
public sealed class ArtifactScenario
{
    public const string Producer = "producer";
    public const string Consumer = "consumer";
    public const string MediaTable = "media/table/preds_0_5d41402a.table.json";

    /// <summary>id, label, score: sorted by score the ids read 3, 4, 1, 2.</summary>
    public const string PredictionsTable =
        """{"_type": "table", "columns": ["id", "label", "score"], "data": [[1, "cat", 0.7], [2, "dog", 0.95], [3, "bird", 0.2], [4, "ant", 0.5]]}""";

    public const string MediaTableJson =
        """{"_type": "table", "columns": ["step", "guess"], "data": [[0, "zebra"], [1, "apple"], [2, "mango"]]}""";

    private ArtifactScenario(string entity, string project)
    {
        Entity = entity;
        Project = project;
    }

    public string Entity { get; }
    public string Project { get; }

    public static IReadOnlyDictionary<string, byte[]> DatasetV0 { get; } = new Dictionary<string, byte[]>
    {
        ["train.csv"] = Encoding.UTF8.GetBytes("x,y\n1,2\n3,4\n"),
        ["notes/labels.txt"] = Encoding.UTF8.GetBytes("cat\ndog\nbird\n"),
    };

    public string PagePath(string rest = "") => $"/{Entity}/{Project}{rest}";

    public static async Task<ArtifactScenario> IngestAsync(WorbHostProcess host, string project)
    {
        var artifacts = new WandbArtifacts(host);
        var producer = new WandbRun(host, project, Producer);
        await producer.CreateAsync("make-data");
        var v0 = await artifacts.LogAsync(producer, "dataset", "dataset", DatasetV0, ["first"],
            """{"rows": 2, "source": {"name": "synthetic", "seed": 7}}""");
        await artifacts.LogAsync(producer, "predictions", "run_table",
            new Dictionary<string, byte[]> { ["predictions.table.json"] = Encoding.UTF8.GetBytes(PredictionsTable) }, ["latest"]);
        await artifacts.LogAsync(producer, "dataset", "dataset",
            new Dictionary<string, byte[]> { ["train.csv"] = Encoding.UTF8.GetBytes("x,y\n5,6\n") }, ["latest", "best"], """{"rows": 1}""");
        await producer.UploadAsync(MediaTable, Encoding.UTF8.GetBytes(MediaTableJson));
        const string tableFile = $$"""{"_type": "table-file", "path": "{{MediaTable}}", "ncols": 2, "nrows": 3}""";
        await producer.AppendAsync("wandb-history.jsonl",
            [$$"""{"preds": {{tableFile}}, "_step": 0, "_runtime": 1.0, "_timestamp": {{SampleRuns.F(SampleRuns.StartTime)}}}"""]);
        await producer.AppendAsync("wandb-summary.json", [$$"""{"preds": {{tableFile}}, "_step": 0}"""]);
        await producer.FinishAsync();

        var consumer = new WandbRun(host, project, Consumer);
        await consumer.CreateAsync("train-on-data");
        await artifacts.UseAsync(consumer, v0, "dataset:first");
        await consumer.FinishAsync();
        return new ArtifactScenario(producer.Entity, project);
    }
}
