using Worb.Grains.Interfaces;

namespace Worb.Api.GraphQL.Models;

/// <summary>
/// A run file. <see cref="Stored"/> is false for a requested name that has not been uploaded yet (the legacy
/// upload-URL query asks for those).
/// </summary>
public sealed record FileNode(
    RunKey Run,
    long RunId,
    string Name,
    bool Stored,
    long SizeBytes,
    string? Md5,
    string? Sha256,
    double? UpdatedAt);
