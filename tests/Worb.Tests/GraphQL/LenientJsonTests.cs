using GraphQL.SystemTextJson;
using Worb.Api.GraphQL;
using Worb.Api.GraphQL.Json;
using Worb.Api.GraphQL.Scalars;
using Xunit;

namespace Worb.Tests.GraphQL;

public sealed class LenientJsonTests
{
    [Fact]
    public void ReadMembers_keeps_python_tokens_nested_values_and_escapes_verbatim()
    {
        const string line =
            "{\"nan\": NaN, \"ninf\": -Infinity, \"big\": 18446744073709551617, \"s\": \"a \\\"}\\\" b\", " +
            "\"nested\": {\"a\": [1, {\"b\": \"]\"}]}, \"\\u640d\": 0.5, \"e\": 1e-300}";

        var members = LenientObjectReader.ReadMembers(line)!;

        Assert.Equal(["nan", "ninf", "big", "s", "nested", "損", "e"], members.Select(m => m.Name));
        Assert.Equal(
            ["NaN", "-Infinity", "18446744073709551617", "\"a \\\"}\\\" b\"", "{\"a\": [1, {\"b\": \"]\"}]}", "0.5", "1e-300"],
            members.Select(m => m.RawValue));
        Assert.Equal("\"\\u640d\"", members[5].RawName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1, 2]")]
    [InlineData("{\"a\": 1")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{\"a\": 1} trailing")]
    public void ReadMembers_rejects_what_is_not_one_object(string text) => Assert.Null(LenientObjectReader.ReadMembers(text));

    [Fact]
    public void Parse_turns_bare_non_finite_numbers_into_null_but_leaves_strings_alone()
    {
        var node = LenientJsonParser.Parse("{\"a\": NaN, \"b\": [Infinity, -Infinity], \"c\": \"NaN Infinity\"}")!;

        Assert.Null(node["a"]);
        Assert.Null(node["b"]![0]);
        Assert.Null(node["b"]![1]);
        Assert.Equal("NaN Infinity", node["c"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(10, 4, new[] { 0, 3, 6, 9 })]
    [InlineData(10, 2, new[] { 0, 9 })]
    [InlineData(10, 1, new[] { 0 })]
    [InlineData(3, 5, new[] { 0, 1, 2 })]
    [InlineData(5, 0, new int[0])]
    public void EvenSampler_keeps_first_and_last(int count, int samples, int[] expected) =>
        Assert.Equal(expected, EvenSampler.Positions(count, samples));

    [Fact]
    public void RawJsonConverter_writes_the_text_verbatim_through_the_graphql_serializer()
    {
        var serializer = new GraphQLSerializer(o => o.Converters.Add(new RawJsonConverter()));

        var text = serializer.Serialize(new Dictionary<string, object?> { ["v"] = new RawJson("[{\"x\": NaN}]") });

        Assert.Equal("{\"v\":[{\"x\": NaN}]}", text);
    }

    [Fact]
    public void WandbConfig_selects_keys_from_wrapped_and_plain_configs()
    {
        Assert.Equal("{\"t\": {\"1\": [5]}}", WandbConfig.Select("{\"_wandb\": {\"desc\": null, \"value\": {\"t\": {\"1\": [5]}, \"m\": []}}}", ["t"]));
        Assert.Equal("{\"t\": 1}", WandbConfig.Select("{\"_wandb\": {\"t\": 1, \"x\": 2}}", ["t"]));
        Assert.Equal("{}", WandbConfig.Select("{\"lr\": 0.1}", ["t"]));
        Assert.Equal("{}", WandbConfig.Select("not json", ["t"]));
    }
}
