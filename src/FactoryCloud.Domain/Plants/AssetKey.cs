using System.Text.RegularExpressions;

namespace FactoryCloud.Domain.Plants;

/// <summary>Keys of sites, areas, lines and machines: <c>[a-z0-9-]{1,64}</c>, unique among siblings, used in MQTT topics.</summary>
public static partial class AssetKey
{
    public const int MaxLength = 64;
    public const string Rule = "Use 1 to 64 lower-case letters, digits or hyphens.";

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? key) => key is not null && Pattern().IsMatch(key);

    /// <summary>
    /// A key suggested from a name: "Plant Lyon (Nord)" → "plant-lyon-nord", accents dropped ("Düsseldorf" →
    /// "dusseldorf"), other characters become single hyphens; empty when the name has no letter or digit.
    /// </summary>
    public static string Suggest(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        return Common.KebabKey.From(name, MaxLength);
    }
}
