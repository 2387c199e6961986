using System.Text.Json;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Worb.Api.GraphQL.Scalars;

/// <summary>
/// <c>JSONString</c>: a JSON document carried as a GraphQL string. Output is always a string; input accepts a
/// string (and, leniently, any other JSON value, which is re-serialized to text).
/// </summary>
public sealed class JsonStringGraphType : ScalarGraphType
{
    public JsonStringGraphType()
    {
        Name = "JSONString";
        Description = "A JSON document serialized as a string.";
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => s.Value.ToString(),
        _ => ThrowLiteralConversionError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => JsonSerializer.Serialize(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        string s => s,
        RawJson raw => raw.Text,
        _ => JsonSerializer.Serialize(value),
    };
}
