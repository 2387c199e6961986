using System.Text.Json;
using System.Text.Json.Serialization;

namespace Worb.Api.GraphQL.Scalars;

/// <summary>
/// Writes a <see cref="RawJson"/> value verbatim. Must be added to the <c>GraphQLSerializer</c>'s options, e.g.
/// <c>new GraphQLSerializer(o =&gt; o.Converters.Add(new RawJsonConverter()))</c>.
/// </summary>
public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Text, skipInputValidation: true);
}
