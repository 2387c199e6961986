namespace Worb.Api.GraphQL.Data;

/// <summary>One row of <c>run_files</c>.</summary>
public sealed record RunFileRow(string Name, string Sha256, string Md5, long Size, double UpdatedAt);
