using GraphQL.Types;
using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class ServerFeatureType : ObjectGraphType<ServerFeature>
{
    public ServerFeatureType()
    {
        Name = "ServerFeature";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<BooleanGraphType>>("isEnabled").Resolve(c => c.Source.IsEnabled);
    }
}
