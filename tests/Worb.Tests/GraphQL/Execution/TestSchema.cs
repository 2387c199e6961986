using GraphQL;
using GraphQL.Types;

namespace Worb.Tests.GraphQL.Execution;

/// <summary>A small code-first schema shaped like the parts of the wandb schema the tests need.</summary>
internal static class TestSchema
{
    public static ISchema Create()
    {
        var schema = new Schema { Query = new TestQueryType(), Mutation = new TestMutationType() };
        schema.RegisterType(new RunType());
        schema.RegisterType(new EntityType());
        schema.Initialize();
        return schema;
    }
}

internal sealed record ProjectData(string? Name, string? EntityName);

internal sealed record RunData(string Name, bool Stopped);

internal sealed record EntityData(string Name);

/// <summary>A value the test converter writes as raw JSON (like the schema's pre-rendered JSON values).</summary>
internal sealed record RawJson(string Json);

internal sealed class RawJsonGraphType : ScalarGraphType
{
    public RawJsonGraphType()
    {
        Name = "RawJSON";
    }

    public override object? ParseValue(object? value) => value;

    public override object? Serialize(object? value) => value;
}

internal sealed class TestQueryType : ObjectGraphType
{
    public TestQueryType()
    {
        Name = "Query";
        Field<ProjectType>("project")
            .Argument<StringGraphType>("name")
            .Argument<StringGraphType>("entityName")
            .Resolve(context => new ProjectData(context.GetArgument<string?>("name"), context.GetArgument<string?>("entityName")));
        Field<NodeInterface>("node")
            .Argument<IdGraphType>("id")
            .Resolve(context => context.GetArgument<string>("id") switch
            {
                "entity" => new EntityData("e1"),
                "none" => null,
                _ => (object)new RunData("r1", Stopped: false),
            });
        Field<ListGraphType<SearchResultUnion>>("search")
            .Resolve(_ => new object[] { new RunData("r1", false), new EntityData("e1") });
        Field<RawJsonGraphType>("raw").Resolve(_ => new RawJson("{\"x\": NaN}"));
        Field<StringGraphType>("boom").Resolve(_ => throw new InvalidOperationException("resolver failed"));
    }
}

internal sealed class ProjectType : ObjectGraphType<ProjectData>
{
    public ProjectType()
    {
        Name = "Project";
        Field<StringGraphType>("name").Resolve(context => context.Source.Name);
        Field<EntityType>("entity").Resolve(context => new EntityData(context.Source.EntityName ?? "default-entity"));
        Field<RunType>("run")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .Resolve(context => context.GetArgument<string>("name") is var name && name == "missing" ? null : new RunData(name, Stopped: false));
        Field<ListGraphType<RunType>>("runs")
            .Resolve(_ => new[] { new RunData("a", false), new RunData("b", true) });
    }
}

internal sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Field<StringGraphType>("name");
    }
}

internal sealed class RunType : ObjectGraphType<RunData>
{
    public RunType()
    {
        Name = "Run";
        Interface<NodeInterface>();
        IsTypeOf = value => value is RunData;
        Field<StringGraphType>("name").Resolve(context => context.Source.Name);
        Field<BooleanGraphType>("stopped").Resolve(context => context.Source.Stopped);
    }
}

internal sealed class EntityType : ObjectGraphType<EntityData>
{
    public EntityType()
    {
        Name = "Entity";
        Interface<NodeInterface>();
        IsTypeOf = value => value is EntityData;
        Field<StringGraphType>("name").Resolve(context => context.Source.Name);
    }
}

internal sealed class SearchResultUnion : UnionGraphType
{
    public SearchResultUnion()
    {
        Name = "SearchResult";
        Type<RunType>();
        Type<EntityType>();
    }
}

internal sealed class NestedInputType : InputObjectGraphType
{
    public NestedInputType()
    {
        Name = "NestedInput";
        Field<StringGraphType>("keep");
    }
}

internal sealed class UpsertBucketInputType : InputObjectGraphType
{
    public UpsertBucketInputType()
    {
        Name = "UpsertBucketInput";
        Field<StringGraphType>("id");
        Field<StringGraphType>("name");
        Field<StringGraphType>("modelName");
        Field<StringGraphType>("entityName");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags");
        Field<NestedInputType>("nested");
        Field<ListGraphType<NestedInputType>>("nestedList");
    }
}

internal sealed class UpsertBucketPayloadType : ObjectGraphType<Dictionary<string, object?>>
{
    public UpsertBucketPayloadType()
    {
        Name = "UpsertBucketPayload";
        Field<RunType>("bucket").Resolve(context => new RunData(context.Source.GetValueOrDefault("name") as string ?? "generated", false));
        Field<BooleanGraphType>("inserted").Resolve(_ => true);
        Field<ListGraphType<StringGraphType>>("receivedInputKeys").Resolve(context => Describe(context.Source));
    }

    /// <summary>Every key of the input, nested keys as "outer.inner", so tests can see what reached the resolver.</summary>
    private static List<string> Describe(Dictionary<string, object?> input)
    {
        var keys = new List<string>();
        foreach (var (key, value) in input)
        {
            keys.Add(key);
            var nested = value switch
            {
                IDictionary<string, object?> single => [single],
                IEnumerable<object?> many => many.OfType<IDictionary<string, object?>>().ToList(),
                _ => new List<IDictionary<string, object?>>(),
            };
            foreach (var item in nested)
            {
                keys.AddRange(item.Keys.Select(inner => $"{key}.{inner}"));
            }
        }

        return keys;
    }
}

internal sealed class TestMutationType : ObjectGraphType
{
    public TestMutationType()
    {
        Name = "Mutation";
        Field<UpsertBucketPayloadType>("upsertBucket")
            .Argument<NonNullGraphType<UpsertBucketInputType>>("input")
            .Resolve(context => context.GetArgument<Dictionary<string, object?>>("input"));
    }
}
