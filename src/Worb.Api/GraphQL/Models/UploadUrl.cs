namespace Worb.Api.GraphQL.Models;

/// <summary>A file name and the signed URL that accepts its upload.</summary>
public sealed record UploadUrl(string Name, string Url);
