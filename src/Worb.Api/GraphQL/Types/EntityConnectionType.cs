using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class EntityConnectionType() : ConnectionGraphType<EntityEdgeType, EntityNode>("EntityConnection");
