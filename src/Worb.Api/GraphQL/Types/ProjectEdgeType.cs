using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class ProjectEdgeType() : EdgeGraphType<ProjectType, ProjectNode>("ProjectEdge");
