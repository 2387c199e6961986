using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class RunEdgeType() : EdgeGraphType<RunType, RunRecord>("RunEdge");
