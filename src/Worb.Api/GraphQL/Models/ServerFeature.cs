namespace Worb.Api.GraphQL.Models;

/// <summary>A server feature flag as wandb-core reads it.</summary>
public sealed record ServerFeature(string Name, bool IsEnabled);
