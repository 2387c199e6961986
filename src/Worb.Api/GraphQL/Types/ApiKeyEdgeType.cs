using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class ApiKeyEdgeType() : EdgeGraphType<ApiKeyType, ApiKeyNode>("ApiKeyEdge");
