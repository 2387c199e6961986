using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class ProjectConnectionType() : ConnectionGraphType<ProjectEdgeType, ProjectNode>("ProjectConnection");
