namespace Worb.Api.GraphQL.Mutations;

public sealed class StopRunInput : RunRef;
