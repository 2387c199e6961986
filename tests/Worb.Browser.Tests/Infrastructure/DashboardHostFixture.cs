namespace Worb.Browser.Tests.Infrastructure;

/// <summary>
/// One real host for the dashboard tests, with project <c>vision</c>: <c>alpha</c> (finished, 3000 steps, tagged,
/// grouped, with histograms, system metrics, console and a file), <c>beta</c> (still running, 1500 steps) and
/// <c>gamma</c> (failed, 800 steps).
/// </summary>
public sealed class DashboardHostFixture : IAsyncLifetime
{
    public const string Project = "vision";
    public const int AlphaSteps = 3000;

    private WorbHostProcess? _host;

    public WorbHostProcess Host => _host ?? throw new InvalidOperationException("The host is not started.");

    public string Entity { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _host = await WorbHostProcess.StartAsync();
        var alpha = new WandbRun(Host, Project, "alpha");
        await alpha.CreateAsync("resnet-small",
            """{"lr": {"desc": null, "value": 0.01}, "batch_size": {"desc": null, "value": 64}, "optimizer": {"desc": null, "value": {"name": "adam", "betas": [0.9, 0.999]}}}""",
            ["baseline", "gpu"], "sweep-1", "train", "first try");
        await alpha.AppendAsync("wandb-history.jsonl", SampleRuns.History(AlphaSteps, 2.0));
        await alpha.AppendAsync("wandb-events.jsonl", SampleRuns.Events(60));
        await alpha.AppendAsync("output.log", SampleRuns.Console(40));
        await alpha.AppendAsync("wandb-summary.json", [SampleRuns.Summary(AlphaSteps, 2.0)]);
        await alpha.UploadAsync("config.yaml", "lr: 0.01\nbatch_size: 64\n"u8.ToArray());
        await alpha.FinishAsync();
        Entity = alpha.Entity;

        var beta = new WandbRun(Host, Project, "beta");
        await beta.CreateAsync("resnet-big", """{"lr": {"desc": null, "value": 0.001}, "batch_size": {"desc": null, "value": 128}}""", ["gpu"], "sweep-1", "train");
        await beta.AppendAsync("wandb-history.jsonl", SampleRuns.History(1500, 3.0));
        await beta.AppendAsync("wandb-events.jsonl", SampleRuns.Events(30));

        var gamma = new WandbRun(Host, Project, "gamma");
        await gamma.CreateAsync("tiny-cnn", """{"lr": {"desc": null, "value": 0.1}, "batch_size": {"desc": null, "value": 32}}""", ["cpu"], null, "eval");
        await gamma.AppendAsync("wandb-history.jsonl", SampleRuns.History(800, 1.0));
        await gamma.AppendAsync("wandb-summary.json", [SampleRuns.Summary(800, 1.0)]);
        await gamma.FinishAsync(exitCode: 1);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardHostFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "dashboard host";
}
