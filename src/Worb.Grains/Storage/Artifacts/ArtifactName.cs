using System.Globalization;

namespace Worb.Grains.Storage.Artifacts;

/// <summary>
/// An artifact name as clients write it: <c>collection:alias</c> or <c>collection:v3</c>; a bare <c>collection</c>
/// means <c>collection:latest</c>.
/// </summary>
public sealed record ArtifactName(string Collection, string AliasOrVersion)
{
    public const string Latest = "latest";

    /// <summary>Parses <paramref name="text"/>; false (with a message) for an empty or malformed name.</summary>
    public static bool TryParse(string? text, out ArtifactName name, out string? error)
    {
        name = new ArtifactName("", Latest);
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The artifact name is empty; expected 'name:alias' or 'name:vN'.";
            return false;
        }
        var colon = text.LastIndexOf(':');
        var collection = colon < 0 ? text : text[..colon];
        var alias = colon < 0 ? Latest : text[(colon + 1)..];
        if (collection.Length == 0 || alias.Length == 0 || collection.Contains(':'))
        {
            error = $"'{text}' is not an artifact name; expected 'name:alias' or 'name:vN'.";
            return false;
        }
        name = new ArtifactName(collection, alias);
        return true;
    }

    /// <summary>True for a version alias <c>v&lt;N&gt;</c>, with N.</summary>
    public static bool TryParseVersion(string alias, out long version)
    {
        version = 0;
        return alias.Length > 1 && alias[0] == 'v' && alias[1..].All(char.IsAsciiDigit)
            && long.TryParse(alias.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }

    public override string ToString() => $"{Collection}:{AliasOrVersion}";
}
