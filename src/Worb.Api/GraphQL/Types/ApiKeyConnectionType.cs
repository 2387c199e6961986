using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class ApiKeyConnectionType() : ConnectionGraphType<ApiKeyEdgeType, ApiKeyNode>("ApiKeyConnection");
