namespace Worb.Api.GraphQL.Json;

/// <summary>One member of a JSON object: its decoded name, and the name's and value's JSON text exactly as written.</summary>
public readonly record struct RawMember(string Name, string RawName, string RawValue);
