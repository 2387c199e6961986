using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class RunConnectionType() : ConnectionGraphType<RunEdgeType, RunRecord>("RunConnection");
