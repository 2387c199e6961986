namespace Worb.Api.GraphQL.Models;

/// <summary>A payload that only says whether the mutation took effect.</summary>
public sealed record SuccessResult(bool Success);
