using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Visitors;
using Worb.Api.GraphQL.Execution;
using Xunit;

namespace Worb.Tests.GraphQL.Execution;

/// <summary>The rewritten document itself (what the executer gets).</summary>
public sealed class LenientDocumentRewriterTests
{
    private readonly ISchema _schema = TestSchema.Create();
    private readonly LenientDocumentRewriter _rewriter = new();

    private async Task<(string Printed, LenientRewriteResult Result)> RewriteAsync(string query, string? operationName = null)
    {
        var document = Parser.Parse(query);
        var result = _rewriter.Rewrite(document, operationName, _schema);
        using var writer = new StringWriter();
        await new SDLPrinter().PrintAsync(result.Document, writer);
        return (writer.ToString(), result);
    }

    [Fact]
    public async Task KnownDocument_IsUnchanged()
    {
        var (printed, result) = await RewriteAsync("""query Q($n: String) { project(name: $n) { name run(name: "r") { stopped } } }""");

        Assert.True(result.Patch.IsEmpty);
        Assert.False(result.Stats.Any);
        Assert.Contains("$n: String", printed);
        Assert.Contains("stopped", printed);
    }

    [Fact]
    public async Task UnknownArgumentAndItsVariable_AreRemoved()
    {
        var (printed, result) = await RewriteAsync("query Q($p: String, $x: NewInput) { project(name: $p, newArg: $x) { name } }");

        Assert.DoesNotContain("newArg", printed);
        Assert.DoesNotContain("$x", printed);
        Assert.Contains("$p: String", printed);
        Assert.Equal(1, result.Stats.RemovedArguments);
        Assert.Equal(1, result.Stats.RemovedVariables);
        Assert.True(result.Patch.IsEmpty);
    }

    [Fact]
    public async Task UnknownInputField_IsRemoved_KnownKept()
    {
        var (printed, result) = await RewriteAsync(
            "mutation M($id: String, $t: String) { upsertBucket(input: {id: $id, newThing: $t, nested: {keep: \"a\", drop: 1}}) { inserted } }");

        Assert.DoesNotContain("newThing", printed);
        Assert.DoesNotContain("drop", printed);
        Assert.Contains("keep", printed);
        Assert.DoesNotContain("$t", printed);
        Assert.Equal(2, result.Stats.RemovedInputFields);
    }

    [Fact]
    public async Task UnknownFieldsOfDefaultValues_AreRemoved()
    {
        var (printed, _) = await RewriteAsync(
            "mutation M($in: UpsertBucketInput! = {name: \"n\", later: 1}) { upsertBucket(input: $in) { inserted } }");

        Assert.DoesNotContain("later", printed);
        Assert.Contains("name: \"n\"", printed);
    }

    [Fact]
    public async Task RemovedKeys_AreRecordedAtTheirPaths()
    {
        var (_, result) = await RewriteAsync("""{ x: newRoot project(name: "p") { run(name: "r") { later } name } }""");

        Assert.Equal(["x"], result.Patch.Nulls.Select(removed => removed.ResponseKey));
        var project = result.Patch.Children["project"];
        Assert.Equal(["run"], project.Nulls.Select(removed => removed.ResponseKey));
        Assert.Equal(3, result.Stats.RemovedFields); // "newRoot", "later", and "run" whose selections became empty
    }

    [Fact]
    public async Task OnlyTheSelectedOperationAndItsFragmentsAreKept()
    {
        var (printed, result) = await RewriteAsync(
            """
            query A { project(name: "a") { ...PA } }
            query B { project(name: "b") { ...PB } }
            fragment PA on Project { name }
            fragment PB on Project { name }
            fragment Unused on Project { name }
            """,
            "B");

        Assert.Equal("B", result.Operation?.Name?.StringValue);
        Assert.Equal(2, result.Document.Definitions.Count);
        Assert.Contains("fragment PB", printed);
        Assert.DoesNotContain("fragment PA", printed);
        Assert.DoesNotContain("Unused", printed);
        Assert.DoesNotContain("query A", printed);
    }

    [Fact]
    public async Task FragmentCycle_IsLeftForValidation()
    {
        var (printed, result) = await RewriteAsync(
            """
            query C { project(name: "a") { ...X } }
            fragment X on Project { name ...Y }
            fragment Y on Project { ...X }
            """);

        Assert.Contains("fragment X", printed);
        Assert.Contains("fragment Y", printed);
        Assert.NotNull(result.Operation);
    }

    [Fact]
    public async Task UnknownOperationName_LeavesTheDocumentAlone()
    {
        var (printed, result) = await RewriteAsync("query A { newField }", "Z");

        Assert.Null(result.Operation);
        Assert.Contains("newField", printed);
    }

    [Fact]
    public async Task EmptiedOperation_IsReported()
    {
        var (_, result) = await RewriteAsync("query A { newField other { x } }");

        Assert.True(result.OperationEmptied);
        Assert.Equal(["newField", "other"], result.Patch.Nulls.Select(removed => removed.ResponseKey));
    }

    [Fact]
    public async Task TypeConditionOfAnotherType_IsKeptOnTheRemovedKey()
    {
        var (_, result) = await RewriteAsync("""{ node(id: "1") { ... on Run { later } ... on Node { name soon } } }""");

        var node = result.Patch.Children["node"];
        var conditions = node.Nulls.ToDictionary(removed => removed.ResponseKey, removed => removed.TypeCondition);
        Assert.Equal("Run", conditions["later"]);
        Assert.Null(conditions["soon"]); // "Node" is the parent type itself: no condition
    }
}
