using System.Text.Json.Nodes;

namespace Worb.EndToEnd.Tests.GraphQl;

/// <summary>Asks the server's schema what it offers, for checks of optional features (alerts, stopRun).</summary>
public sealed class SchemaIntrospection(GraphQlClient graphQl)
{
    private const string TypeQuery = """
        query TypeFields($name: String!) {
          __type(name: $name) {
            name
            kind
            fields {
              name
              args { name type { ...TypeRef } }
              type { ...TypeRef }
            }
            inputFields { name type { ...TypeRef } }
          }
        }

        fragment TypeRef on __Type {
          kind
          name
          ofType { kind name ofType { kind name ofType { kind name } } }
        }
        """;

    /// <summary>The <c>__type</c> answer for a type name, or null when the schema has no such type.</summary>
    public async Task<JsonObject?> TypeAsync(string name, CancellationToken cancellationToken = default)
    {
        var data = await graphQl.QueryAsync(TypeQuery, new JsonObject { ["name"] = name }, cancellationToken);
        return data["__type"] as JsonObject;
    }

    /// <summary>The field of a type (or null).</summary>
    public async Task<JsonObject?> FieldAsync(string typeName, string fieldName, CancellationToken cancellationToken = default)
    {
        var type = await TypeAsync(typeName, cancellationToken);
        return (type?["fields"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(f => f["name"]?.GetValue<string>() == fieldName);
    }

    /// <summary>The named type under NON_NULL/LIST wrappers, and whether a LIST was among them.</summary>
    public static (string? Name, bool IsList, bool IsNonNull) Unwrap(JsonNode? typeRef)
    {
        var isList = false;
        var nonNull = typeRef?["kind"]?.GetValue<string>() == "NON_NULL";
        while (typeRef is not null && typeRef["name"] is null)
        {
            isList |= typeRef["kind"]?.GetValue<string>() == "LIST";
            typeRef = typeRef["ofType"];
        }
        return (typeRef?["name"]?.GetValue<string>(), isList, nonNull);
    }

    /// <summary>The GraphQL type text of a type reference, e.g. <c>[String!]!</c>.</summary>
    public static string TypeText(JsonNode? typeRef) => typeRef?["kind"]?.GetValue<string>() switch
    {
        "NON_NULL" => TypeText(typeRef["ofType"]) + "!",
        "LIST" => "[" + TypeText(typeRef["ofType"]) + "]",
        _ => typeRef?["name"]?.GetValue<string>() ?? "String",
    };
}
