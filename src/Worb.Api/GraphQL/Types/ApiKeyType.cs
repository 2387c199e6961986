using GraphQL.Types;
using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class ApiKeyType : ObjectGraphType<ApiKeyNode>
{
    public ApiKeyType()
    {
        Name = "ApiKey";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<StringGraphType>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("description").Resolve(_ => null);
    }
}
