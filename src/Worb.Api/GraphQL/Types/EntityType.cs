using GraphQL.Types;
using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class EntityType : ObjectGraphType<EntityNode>
{
    public EntityType()
    {
        Name = "Entity";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GraphIds.Entity(c.Source.Name));
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<BooleanGraphType>("isTeam").Resolve(_ => false);
        Field<StringGraphType>("photoUrl").Resolve(_ => null);
        // wandb-core treats a non-empty CoreWeave id as a reason to call a cloud metadata endpoint: always null.
        Field<OrganizationType>("organization").Resolve(_ => null);
    }
}
