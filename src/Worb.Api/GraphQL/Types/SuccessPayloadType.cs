using GraphQL.Types;
using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

/// <summary>A payload with <c>success</c>; concrete names per mutation derive from it.</summary>
public abstract class SuccessPayloadType : ObjectGraphType<SuccessResult>
{
    protected SuccessPayloadType(string name)
    {
        Name = name;
        Field<NonNullGraphType<BooleanGraphType>>("success").Resolve(c => c.Source.Success);
        Field<StringGraphType>("clientMutationId").Resolve(_ => null);
    }
}
