namespace Worb.Api.GraphQL.Models;

/// <summary>A file name and the signed URL that accepts its upload; null when the name is refused.</summary>
public sealed record UploadUrl(string Name, string? Url);
