using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class EntityEdgeType() : EdgeGraphType<EntityType, EntityNode>("EntityEdge");
