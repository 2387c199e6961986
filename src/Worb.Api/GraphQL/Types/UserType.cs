using GraphQL.Types;
using Worb.Api.GraphQL.Models;
using Worb.Api.GraphQL.Scalars;

namespace Worb.Api.GraphQL.Types;

/// <summary>The viewer. Worb has one implicit user named after the default entity.</summary>
public sealed class UserType : ObjectGraphType<UserNode>
{
    public UserType()
    {
        Name = "User";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GraphIds.User(c.Source.Name));
        Field<StringGraphType>("entity").Resolve(c => c.Source.Name);
        Field<StringGraphType>("username").Resolve(c => c.Source.Name);
        Field<StringGraphType>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("email").Resolve(c => c.Source.Name + "@localhost");
        Field<JsonStringGraphType>("flags").Resolve(_ => "{}");
        Field<BooleanGraphType>("admin").Resolve(_ => false);
        Field<StringGraphType>("photoUrl").Resolve(_ => null);
        Field<StringGraphType>("defaultFramework").Resolve(_ => null);
        Field<NonNullGraphType<EntityConnectionType>>("teams")
            .Resolve(c => Paging.Page<EntityNode>([new EntityNode(c.Source.Name)], after: null, first: null));
        Field<NonNullGraphType<ApiKeyConnectionType>>("apiKeys").Resolve(_ => Models.Connection<ApiKeyNode>.Empty);
    }
}
