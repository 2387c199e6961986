namespace Worb.Api.GraphQL.Models;

/// <summary>The <c>upsertBucket</c> payload.</summary>
public sealed record UpsertBucketResult(RunRecord Bucket, bool Inserted);
