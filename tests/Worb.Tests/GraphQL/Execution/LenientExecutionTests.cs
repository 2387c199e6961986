using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Worb.Api.GraphQL.Execution;
using Xunit;

namespace Worb.Tests.GraphQL.Execution;

/// <summary>The leniency pass end to end: rewrite, execute, answer removed fields with null.</summary>
public sealed class LenientExecutionTests
{
    private readonly ExecutionHarness _harness = new();

    [Fact]
    public async Task UnknownRootField_IsNull_KnownSiblingAnswered()
    {
        var response = await _harness.RunAsync("""query Q { project(name: "p", entityName: "e") { name } brandNewThing }""");

        JsonAssert.NoErrors(response);
        Assert.Equal("p", JsonAssert.Str(response["data"]!["project"]!["name"]));
        JsonAssert.NullKey(response["data"], "brandNewThing");
    }

    [Fact]
    public async Task UnknownNestedField_IsNull_SiblingsAnswered()
    {
        var response = await _harness.RunAsync("""
            query RunStoppedStatus { project(name: "p") { run(name: "r") { name newField stopped } } }
            """);

        JsonAssert.NoErrors(response);
        var run = response["data"]!["project"]!["run"]!;
        Assert.Equal("r", JsonAssert.Str(run["name"]));
        Assert.False(run["stopped"]!.GetValue<bool>());
        JsonAssert.NullKey(run, "newField");
    }

    [Fact]
    public async Task UnknownAliasedField_IsNullUnderItsAlias()
    {
        var response = await _harness.RunAsync("""{ project(name: "p") { foo: newField name } }""");

        JsonAssert.NoErrors(response);
        JsonAssert.NullKey(response["data"]!["project"], "foo");
        JsonAssert.Missing(response["data"]!["project"], "newField");
    }

    [Fact]
    public async Task UnknownFieldInFragmentSpreadTwice_IsNullAtEveryPlace()
    {
        var response = await _harness.RunAsync("""
            query Two {
              a: project(name: "p1") { ...P }
              b: project(name: "p2") { ...P }
            }

            fragment P on Project {
              name
              futureField
              run(name: "x") { name future2 }
            }
            """);

        JsonAssert.NoErrors(response);
        foreach (var (alias, name) in new[] { ("a", "p1"), ("b", "p2") })
        {
            var project = response["data"]![alias]!;
            Assert.Equal(name, JsonAssert.Str(project["name"]));
            JsonAssert.NullKey(project, "futureField");
            Assert.Equal("x", JsonAssert.Str(project["run"]!["name"]));
            JsonAssert.NullKey(project["run"], "future2");
        }
    }

    [Fact]
    public async Task UnknownFieldInInlineFragment_IsNullOnlyWhereTheTypeMatches()
    {
        const string Query = """
            query N($id: ID) {
              node(id: $id) {
                name
                ... on Run { stopped futureRunField }
                ... on Entity { futureEntityField }
              }
            }
            """;

        var run = await _harness.RunAsync(Query, variablesJson: """{"id": "run"}""");
        JsonAssert.NoErrors(run);
        var runNode = run["data"]!["node"]!;
        Assert.Equal("r1", JsonAssert.Str(runNode["name"]));
        JsonAssert.NullKey(runNode, "futureRunField");
        JsonAssert.Missing(runNode, "futureEntityField");

        var entity = await _harness.RunAsync(Query, variablesJson: """{"id": "entity"}""");
        JsonAssert.NoErrors(entity);
        var entityNode = entity["data"]!["node"]!;
        JsonAssert.NullKey(entityNode, "futureEntityField");
        JsonAssert.Missing(entityNode, "futureRunField");
        JsonAssert.Missing(entityNode, "stopped");
    }

    [Fact]
    public async Task InlineFragmentOnUnknownType_IsDropped()
    {
        var response = await _harness.RunAsync("""{ node(id: "run") { name ... on FutureType { x } } }""");

        JsonAssert.NoErrors(response);
        Assert.Equal("r1", JsonAssert.Str(response["data"]!["node"]!["name"]));
        JsonAssert.Missing(response["data"]!["node"], "x");
    }

    [Fact]
    public async Task UnknownFieldInsideList_IsNullInEveryElement()
    {
        var response = await _harness.RunAsync("""{ project(name: "p") { runs { name newField } } search { __typename ... on Run { name later } } }""");

        JsonAssert.NoErrors(response);
        var runs = response["data"]!["project"]!["runs"]!.AsArray();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, run => JsonAssert.NullKey(run, "newField"));
        Assert.Equal(["a", "b"], runs.Select(run => JsonAssert.Str(run!["name"])));

        var search = response["data"]!["search"]!.AsArray();
        JsonAssert.NullKey(search[0], "later");
        JsonAssert.Missing(search[1], "later");
    }

    [Fact]
    public async Task NullParent_IsLeftNull()
    {
        var response = await _harness.RunAsync("""{ project(name: "p") { run(name: "missing") { name newField } } node(id: "none") { name newField } }""");

        JsonAssert.NoErrors(response);
        JsonAssert.NullKey(response["data"]!["project"], "run");
        JsonAssert.NullKey(response["data"], "node");
    }

    [Fact]
    public async Task FieldWhoseSelectionsAreAllUnknown_IsNull()
    {
        var response = await _harness.RunAsync("""{ project(name: "p") { run(name: "r") { newA newB } name } }""");

        JsonAssert.NoErrors(response);
        JsonAssert.NullKey(response["data"]!["project"], "run");
        Assert.Equal("p", JsonAssert.Str(response["data"]!["project"]!["name"]));
    }

    [Fact]
    public async Task FragmentWhoseSelectionsAreAllUnknown_IsDroppedAndItsFieldsAreNull()
    {
        var response = await _harness.RunAsync("""
            query F { project(name: "p") { ...Future name } }
            fragment Future on Project { newA newB }
            """);

        JsonAssert.NoErrors(response);
        var project = response["data"]!["project"]!;
        Assert.Equal("p", JsonAssert.Str(project["name"]));
        JsonAssert.NullKey(project, "newA");
        JsonAssert.NullKey(project, "newB");
    }

    [Fact]
    public async Task FragmentOnUnknownType_IsDropped()
    {
        var response = await _harness.RunAsync("""
            query F { project(name: "p") { name ...X } }
            fragment X on FutureType { a }
            """);

        JsonAssert.NoErrors(response);
        Assert.Equal("p", JsonAssert.Str(response["data"]!["project"]!["name"]));
    }

    [Fact]
    public async Task UnknownArgument_IsDropped()
    {
        var response = await _harness.RunAsync("""{ project(name: "p", entityName: "e", newArg: 5, other: {a: 1}) { name entity { name } } }""");

        JsonAssert.NoErrors(response);
        Assert.Equal("p", JsonAssert.Str(response["data"]!["project"]!["name"]));
        Assert.Equal("e", JsonAssert.Str(response["data"]!["project"]!["entity"]!["name"]));
    }

    [Fact]
    public async Task UnknownInputObjectFields_AreDroppedRecursively()
    {
        var response = await _harness.RunAsync("""
            mutation UpsertBucket($name: String, $x: Int) {
              upsertBucket(input: {name: $name, newThing: $x, nested: {keep: "k", drop: 2}, nestedList: [{keep: "a", gone: 1}]}) {
                bucket { name }
                inserted
                receivedInputKeys
              }
            }
            """, variablesJson: """{"name": "run1", "x": 7}""");

        JsonAssert.NoErrors(response);
        var payload = response["data"]!["upsertBucket"]!;
        Assert.Equal("run1", JsonAssert.Str(payload["bucket"]!["name"]));
        var keys = payload["receivedInputKeys"]!.AsArray().Select(JsonAssert.Str).ToList();
        Assert.Equal(["name", "nested", "nested.keep", "nestedList", "nestedList.keep"], keys);
    }

    [Fact]
    public async Task VariableUsedOnlyInRemovedArgument_IsRemoved()
    {
        var response = await _harness.RunAsync(
            "query Q($p: String, $x: Int, $y: SomeNewInput) { project(name: $p, newArg: $x, newer: $y) { name } }",
            variablesJson: """{"p": "p", "x": 3, "y": {"a": 1}}""");

        JsonAssert.NoErrors(response);
        Assert.Equal("p", JsonAssert.Str(response["data"]!["project"]!["name"]));
    }

    [Fact]
    public async Task VariableOfUnknownTypeStillUsed_IsAnError()
    {
        var response = await _harness.RunAsync(
            "query Q($y: SomeNewInput) { project(name: $y) { name } }", variablesJson: """{"y": "p"}""");

        JsonAssert.HasErrors(response);
    }

    [Fact]
    public async Task UndeclaredVariablesInTheBody_AreIgnored()
    {
        var response = await _harness.RunAsync("""{ project(name: "p") { name } }""", variablesJson: """{"foo": 1, "bar": {"x": null}}""");

        JsonAssert.NoErrors(response);
        Assert.Equal("p", JsonAssert.Str(response["data"]!["project"]!["name"]));
    }

    [Fact]
    public async Task AllRootFieldsUnknown_AnswersNullsWithoutErrors()
    {
        var response = await _harness.RunAsync(
            "query Future($v: Int) { a1 b1(x: $v) { c } ...R } fragment R on Query { r1 }", variablesJson: """{"v": 1}""");

        JsonAssert.NoErrors(response);
        var data = Assert.IsType<JsonObject>(response["data"]);
        Assert.Equal(["a1", "b1", "r1"], data.Select(pair => pair.Key).Order());
        Assert.All(data, pair => Assert.Null(pair.Value));
    }

    [Fact]
    public async Task SyntaxError_IsAGraphQLError()
    {
        var response = await _harness.RunAsync("""query Broken { project(name: "p") { name }""");

        JsonAssert.HasErrors(response);
        Assert.Null(response["data"]);
    }

    [Fact]
    public async Task WrongTypeForKnownArgument_IsAnError()
    {
        var response = await _harness.RunAsync("{ project(name: 5) { name } }");

        JsonAssert.HasErrors(response);
    }

    [Fact]
    public async Task UnknownFieldOnScalar_StillValidated()
    {
        // Sub-selections on a scalar are a client bug, not a version difference.
        var response = await _harness.RunAsync("""{ project(name: "p") { name { x } } }""");

        JsonAssert.HasErrors(response);
    }

    [Fact]
    public async Task MissingRequiredVariableOfKnownArgument_IsAnError()
    {
        var response = await _harness.RunAsync("""query Q($r: String!) { project(name: "p") { run(name: $r) { name } } }""");

        JsonAssert.HasErrors(response);
    }

    [Fact]
    public async Task UnknownOperationName_IsAnError()
    {
        var response = await _harness.RunAsync("""query A { project(name: "a") { name } }""", operationName: "Nope");

        JsonAssert.HasErrors(response);
    }

    [Theory]
    [InlineData(null, "a")]
    [InlineData("", "a")]
    [InlineData("A", "a")]
    [InlineData("B", "b")]
    public async Task OperationName_IsTakenFromTheTextWhenAbsentOrEmpty(string? operationName, string expected)
    {
        var response = await _harness.RunAsync(
            """
            query A { project(name: "a") { name } }
            query B { project(name: "b") { name newField } }
            """,
            operationName);

        JsonAssert.NoErrors(response);
        Assert.Equal(expected, JsonAssert.Str(response["data"]!["project"]!["name"]));
    }

    [Fact]
    public async Task SkipDirectiveWithVariable_StillWorks()
    {
        var response = await _harness.RunAsync(
            """query Q($skip: Boolean!) { project(name: "p") { name @skip(if: $skip) entity { name } } }""",
            variablesJson: """{"skip": true}""");

        JsonAssert.NoErrors(response);
        JsonAssert.Missing(response["data"]!["project"], "name");
    }

    [Fact]
    public async Task ProbeServerCapabilities_IntrospectionWorks()
    {
        var response = await _harness.RunAsync("""
            query ProbeServerCapabilities {
              QueryType: __type(name: "Query") {
                ...fieldData
              }
              MutationType: __type(name: "Mutation") {
                ...fieldData
              }
              ServerInfoType: __type(name: "ServerInfo") {
                ...fieldData
              }
            }

            fragment fieldData on __Type {
              fields {
                name
              }
            }
            """);

        JsonAssert.NoErrors(response);
        var queryFields = response["data"]!["QueryType"]!["fields"]!.AsArray().Select(field => JsonAssert.Str(field!["name"]));
        Assert.Contains("project", queryFields);
        var mutationFields = response["data"]!["MutationType"]!["fields"]!.AsArray().Select(field => JsonAssert.Str(field!["name"]));
        Assert.Contains("upsertBucket", mutationFields);
        JsonAssert.NullKey(response["data"], "ServerInfoType");
    }

    [Fact]
    public async Task SchemaIntrospection_Works()
    {
        var response = await _harness.RunAsync("{ __schema { queryType { name } mutationType { name newMeta } } __typename }");

        JsonAssert.NoErrors(response);
        Assert.Equal("Query", JsonAssert.Str(response["data"]!["__schema"]!["queryType"]!["name"]));
        JsonAssert.NullKey(response["data"]!["__schema"]!["mutationType"], "newMeta");
        Assert.Equal("Query", JsonAssert.Str(response["data"]!["__typename"]));
    }

    [Fact]
    public async Task UnhandledResolverException_IsAGraphQLErrorAndIsLogged()
    {
        var logger = new ListLogger<WorbGraphQLExecutor>();
        var harness = new ExecutionHarness(logger);

        var response = await harness.RunAsync("query Boom { boom project(name: \"p\") { name } }");

        JsonAssert.HasErrors(response);
        Assert.Equal("p", JsonAssert.Str(response["data"]!["project"]!["name"]));
        var error = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(error.Exception);
        Assert.Equal("Boom", error.Properties["OperationName"]);
    }

    [Fact]
    public async Task DerivedOperationNameAndRemovals_AreLoggedAtDebug()
    {
        var logger = new ListLogger<WorbGraphQLExecutor>();
        var harness = new ExecutionHarness(logger);

        await harness.RunAsync("query RunStoppedStatus { project(name: \"p\") { name later } }", operationName: "");

        var executed = Assert.Single(logger.Entries, entry => entry.Properties.ContainsKey("ElapsedMs"));
        Assert.Equal(LogLevel.Debug, executed.Level);
        Assert.Equal("RunStoppedStatus", executed.Properties["OperationName"]);
        var rewritten = Assert.Single(logger.Entries, entry => entry.Properties.ContainsKey("Fields"));
        Assert.Equal(1, rewritten.Properties["Fields"]);
    }
}
