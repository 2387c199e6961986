using System.Text.Json.Nodes;
using Worb.Api.GraphQL.Json;
using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Runs;

/// <summary>A run seen as the document that filters and orderings address (<c>config.lr</c>, <c>state</c>, ...).</summary>
public sealed class RunDocument(RunRecord run, string shownState)
{
    private JsonObject? _config;
    private JsonObject? _summary;

    public RunRecord Run { get; } = run;

    public string ShownState { get; } = shownState;

    public JsonObject Config => _config ??= LenientJsonParser.Parse(Run.Config) as JsonObject ?? [];

    public JsonObject Summary => _summary ??= LenientJsonParser.Parse(Run.Summary) as JsonObject ?? [];
}
