using System.Text.RegularExpressions;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>The link kinds FactoryCloud knows; other features may add their own lower-case kind.</summary>
public static partial class LinkKinds
{
    public const string Site = "site";
    public const string Line = "line";
    public const string Machine = "machine";
    public const string Alert = "alert";
    public const string MaturityDimension = "maturity-dimension";

    /// <summary>Kinds are lower-case words with dashes, so every feature spells them the same way.</summary>
    public static bool IsValid(string kind) => KindPattern().IsMatch(kind);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex KindPattern();
}
