using GraphQL.Types;
using Worb.Api.GraphQL.Mutations;
using Worb.Api.GraphQL.Scalars;

namespace Worb.Api.GraphQL.Types;

public sealed class UpsertBucketInputType : InputObjectGraphType<UpsertBucketInput>
{
    public UpsertBucketInputType()
    {
        Name = "UpsertBucketInput";
        Field<StringGraphType>("id");
        Field<StringGraphType>("name");
        Field<StringGraphType>("groupName");
        Field<StringGraphType>("modelName");
        Field<StringGraphType>("entityName");
        Field<StringGraphType>("description");
        Field<StringGraphType>("displayName");
        Field<StringGraphType>("notes");
        Field<JsonStringGraphType>("config");
        Field<StringGraphType>("commit");
        Field<StringGraphType>("host");
        Field<BooleanGraphType>("debug");
        Field<StringGraphType>("jobProgram");
        Field<StringGraphType>("jobRepo");
        Field<StringGraphType>("jobType");
        Field<StringGraphType>("state");
        Field<StringGraphType>("sweep");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags");
        Field<JsonStringGraphType>("summaryMetrics");
        Field<StringGraphType>("clientMutationId");
    }
}
