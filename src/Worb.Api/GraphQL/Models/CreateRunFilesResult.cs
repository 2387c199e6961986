namespace Worb.Api.GraphQL.Models;

/// <summary>The <c>createRunFiles</c> payload: one upload URL per requested file, in request order.</summary>
public sealed record CreateRunFilesResult(string RunId, IReadOnlyList<UploadUrl> Files);
