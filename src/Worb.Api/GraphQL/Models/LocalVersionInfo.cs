namespace Worb.Api.GraphQL.Models;

/// <summary>The server's own version, as <c>serverInfo.latestLocalVersionInfo</c> reports it.</summary>
public sealed record LocalVersionInfo(bool OutOfDate, string LatestVersionString, string VersionOnThisInstanceString);
