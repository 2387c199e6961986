namespace Worb.Api.GraphQL.Models;

/// <summary>The <c>serverSettings</c> of an upsertBucket answer.</summary>
public sealed record ServerSettings(IReadOnlyList<ServerMessage> ServerMessages)
{
    public static ServerSettings None { get; } = new([]);
}
