using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>11_alert_and_stop: <c>wandb.alert</c> ×3 and a run stopped by the server (exit code 255).</summary>
public sealed class AlertAndStopTests(WorbHostFixture fixture) : IClassFixture<WorbHostFixture>
{
    [Fact]
    public async Task Alerts_and_stopped_run_are_stored()
    {
        var recording = await TrafficRecording.LoadAsync("11_alert_and_stop");
        var log = await new TrafficReplayer(fixture.Host).ReplayAsync(recording);
        var api = new PublicApi(fixture.Host);
        var runs = RecordingExpectations.Compute(recording);
        Assert.Equal(2, runs.Count);
        Assert.Contains(runs, r => r.ExitCode == 255 && r.ExpectedState == "failed");
        foreach (var expected in runs)
        {
            await RunExpectations.AssertRunAsync(api, log.Entity!, expected, log);
        }

        var alerting = runs.Single(r => r.Alerts.Count > 0);
        Assert.Equal(3, alerting.Alerts.Count);
        var alertsField = await new SchemaIntrospection(api.GraphQl).FieldAsync("Run", "alerts");
        Assert.True(alertsField is not null, "the Run type must expose the stored alerts");
        var stored = await ReadAlertsAsync(api, alertsField, log.Entity!, alerting);
        Assert.Equal(alerting.Alerts.Select(a => a.Title), stored.Select(a => RunExpectations.Text(a["title"])));
        Assert.Equal(alerting.Alerts.Select(a => a.Text), stored.Select(a => RunExpectations.Text(a["text"])));
        if (stored.All(a => a.ContainsKey("severity")))
        {
            Assert.Equal(alerting.Alerts.Select(a => a.Severity), stored.Select(a => RunExpectations.Text(a["severity"])));
        }
    }

    [Fact]
    public async Task Stop_flag_round_trips_to_the_client()
    {
        var api = new PublicApi(fixture.Host);
        var introspection = new SchemaIntrospection(api.GraphQl);
        var stopRun = await introspection.FieldAsync("Mutation", "stopRun");

        var session = new ClientSession(fixture.Host, "stop-test", ClientSession.NewRunId());
        var bucket = await session.CreateRunAsync(displayName: "stop-me");
        await session.PostLinesAsync(RecordingExpectations.HistoryFile, 0, [ClientSession.HistoryLine(0, 1.0)]);
        Assert.False(await api.StoppedAsync(session.Entity, session.Project, session.RunName));

        Assert.True(stopRun is not null, "the schema must offer the stopRun mutation");
        var run = await api.RunAsync(session.Entity, session.Project, session.RunName);
        var (mutation, variables) = await BuildStopRunAsync(introspection, stopRun, session, RunExpectations.Text(run?["id"]) ?? RunExpectations.Text(bucket["id"]) ?? "");
        await api.GraphQl.QueryAsync(mutation, variables);

        // What the SDK polls (RunStoppedStatus) and what file_stream answers now say "stopped".
        Assert.True(await api.StoppedAsync(session.Entity, session.Project, session.RunName));
        var answer = await session.PostCheckedAsync(new JsonObject { ["complete"] = false, ["failed"] = false, ["dropped"] = 0, ["uploaded"] = new JsonArray() });
        Assert.True(answer["stopped"]?.GetValue<bool>() == true, $"file_stream answer after stopRun: {answer.ToJsonString()}");

        // The client then finishes with exit code 255 (KeyboardInterrupt); the run is not running any more.
        await session.FinishAsync(255);
        var after = await api.RunAsync(session.Entity, session.Project, session.RunName);
        Assert.NotEqual("running", RunExpectations.Text(after?["state"]));
    }

    private static async Task<(string Mutation, JsonObject Variables)> BuildStopRunAsync(
        SchemaIntrospection introspection, JsonObject stopRun, ClientSession session, string runId)
    {
        var variables = new JsonObject();
        var declarations = new List<string>();
        var arguments = new List<string>();
        foreach (var argument in (stopRun["args"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var argName = argument["name"]!.GetValue<string>();
            var (typeName, _, _) = SchemaIntrospection.Unwrap(argument["type"]);
            var inputType = typeName is null ? null : await introspection.TypeAsync(typeName);
            if (inputType?["kind"]?.GetValue<string>() == "INPUT_OBJECT")
            {
                var fields = new List<string>();
                foreach (var field in (inputType["inputFields"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var fieldName = field["name"]!.GetValue<string>();
                    var value = ValueFor(fieldName, session, runId);
                    if (value is null)
                    {
                        Assert.False(SchemaIntrospection.Unwrap(field["type"]).IsNonNull, $"stopRun input field '{fieldName}' is required but unknown to the test");
                        continue;
                    }
                    variables[fieldName] = value;
                    declarations.Add($"${fieldName}: {SchemaIntrospection.TypeText(field["type"])}");
                    fields.Add($"{fieldName}: ${fieldName}");
                }
                arguments.Add($"{argName}: {{{string.Join(", ", fields)}}}");
            }
            else
            {
                var value = ValueFor(argName, session, runId);
                Assert.True(value is not null || !SchemaIntrospection.Unwrap(argument["type"]).IsNonNull, $"stopRun argument '{argName}' is required but unknown to the test");
                if (value is not null)
                {
                    variables[argName] = value;
                    declarations.Add($"${argName}: {SchemaIntrospection.TypeText(argument["type"])}");
                    arguments.Add($"{argName}: ${argName}");
                }
            }
        }
        var (resultType, _, _) = SchemaIntrospection.Unwrap(stopRun["type"]);
        var resultKind = resultType is null ? null : (await introspection.TypeAsync(resultType))?["kind"]?.GetValue<string>();
        var selection = resultKind is "OBJECT" or "INTERFACE" or "UNION" ? " { __typename }" : "";
        var declarationText = declarations.Count == 0 ? "" : $"({string.Join(", ", declarations)})";
        var argumentText = arguments.Count == 0 ? "" : $"({string.Join(", ", arguments)})";
        return ($"mutation StopRun{declarationText} {{\n  stopRun{argumentText}{selection}\n}}\n", variables);
    }

    private static string? ValueFor(string name, ClientSession session, string runId) => name switch
    {
        "id" or "runId" or "runID" => runId,
        "entityName" or "entity" => session.Entity,
        "projectName" or "project" or "modelName" => session.Project,
        "runName" or "name" or "run" or "bucketName" => session.RunName,
        _ => null,
    };

    private static async Task<List<JsonObject>> ReadAlertsAsync(PublicApi api, JsonObject alertsField, string entity, ExpectedRun run)
    {
        var (typeName, isList, _) = SchemaIntrospection.Unwrap(alertsField["type"]);
        var introspection = new SchemaIntrospection(api.GraphQl);
        var type = await introspection.TypeAsync(typeName!);
        var fieldNames = (type?["fields"] as JsonArray ?? []).Select(f => f?["name"]?.GetValue<string>()).ToList();
        string selection;
        Func<JsonNode?, IEnumerable<JsonNode?>> items;
        if (!isList && fieldNames.Contains("edges"))
        {
            var edges = await introspection.FieldAsync(typeName!, "edges");
            var edgeType = SchemaIntrospection.Unwrap(edges!["type"]).Name!;
            var node = await introspection.FieldAsync(edgeType, "node");
            var nodeType = await introspection.TypeAsync(SchemaIntrospection.Unwrap(node!["type"]).Name!);
            selection = $"edges {{ node {{ {Known(nodeType)} }} }}";
            items = n => (n?["edges"] as JsonArray ?? []).Select(e => e?["node"]);
        }
        else
        {
            selection = Known(type);
            items = n => n as JsonArray ?? [];
        }
        var query = $"query RunAlerts($entity: String!, $project: String!, $name: String!) {{\n  project(name: $project, entityName: $entity) {{\n    run(name: $name) {{\n      alerts {{ {selection} }}\n    }}\n  }}\n}}\n";
        var data = await api.GraphQl.QueryAsync(query, new JsonObject { ["entity"] = entity, ["project"] = run.Project, ["name"] = run.Name });
        return items(data["project"]?["run"]?["alerts"]).OfType<JsonObject>().ToList();

        static string Known(JsonObject? type)
        {
            var names = (type?["fields"] as JsonArray ?? []).Select(f => f?["name"]?.GetValue<string>()).ToHashSet();
            var wanted = new[] { "title", "text", "severity" }.Where(names.Contains).ToList();
            Assert.True(wanted.Contains("title") && wanted.Contains("text"), "the alert type has no title/text fields");
            return string.Join(" ", wanted);
        }
    }
}
