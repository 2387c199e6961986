using Microsoft.Extensions.Logging;

namespace Worb.Api.GraphQL.Execution;

/// <summary>Structured log messages of the GraphQL endpoint.</summary>
internal static partial class GraphQLLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug,
        Message = "GraphQL {OperationName} executed in {ElapsedMs:F1} ms ({ErrorCount} errors)")]
    public static partial void Executed(ILogger logger, string? operationName, double elapsedMs, int errorCount);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug,
        Message = "GraphQL {OperationName}: leniency pass removed {Fields} fields, {Arguments} arguments, {InputFields} input fields, {Fragments} fragments, {Variables} variables")]
    public static partial void Rewritten(
        ILogger logger, string? operationName, int fields, int arguments, int inputFields, int fragments, int variables);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error,
        Message = "GraphQL {OperationName}: unhandled exception in a resolver")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string? operationName);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug,
        Message = "GraphQL request rejected with HTTP 400: {Reason}")]
    public static partial void BadRequest(ILogger logger, string reason);
}
