using GraphQL;

namespace Worb.Api.GraphQL.Execution;

/// <summary>One GraphQL request as read from an HTTP body.</summary>
/// <param name="Query">The document text.</param>
/// <param name="OperationName">The operation to run; <see langword="null"/> (also for <c>""</c>) means "take it from the text".</param>
/// <param name="Variables">The variable values; <see langword="null"/> when the body had none.</param>
public sealed record WorbGraphQLRequest(string Query, string? OperationName, Inputs? Variables);
