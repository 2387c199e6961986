namespace Worb.Api.GraphQL.Models;

/// <summary>The (single, implicit) user: named after the default entity.</summary>
public sealed record UserNode(string Name);
