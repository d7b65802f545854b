namespace FactoryCloud.Domain.AccessTokens;

/// <summary>The parts of the product a personal access token can be scoped to.</summary>
public enum TokenArea
{
    /// <summary>Plants, devices, KPIs, dashboards, alerts and ingestion health.</summary>
    Plants,
    Backlogs,
    Maturity,
}

public enum TokenAccess
{
    None,
    Read,
    ReadWrite,
}

/// <summary>
/// A personal access token's access per area, stored as text such as <c>plants:read backlogs:write</c>. A token can
/// never do more than its owner's role allows: the scopes only narrow it.
/// </summary>
public sealed record TokenScopes(TokenAccess Plants, TokenAccess Backlogs, TokenAccess Maturity)
{
    public static readonly TokenScopes Nothing = new(TokenAccess.None, TokenAccess.None, TokenAccess.None);

    public TokenAccess For(TokenArea area) => area switch
    {
        TokenArea.Plants => Plants,
        TokenArea.Backlogs => Backlogs,
        TokenArea.Maturity => Maturity,
        _ => TokenAccess.None,
    };

    public bool IsEmpty => this == Nothing;

    public bool Allows(TokenArea area, bool write) => For(area) switch
    {
        TokenAccess.ReadWrite => true,
        TokenAccess.Read => !write,
        _ => false,
    };

    public override string ToString() => string.Join(' ',
        Enum.GetValues<TokenArea>().Where(a => For(a) != TokenAccess.None)
            .Select(a => $"{a.ToString().ToLowerInvariant()}:{(For(a) == TokenAccess.ReadWrite ? "write" : "read")}"));

    /// <summary>Reads the stored form; an unknown word grants nothing (it never widens a token).</summary>
    public static TokenScopes Parse(string? text)
    {
        var scopes = Nothing;
        foreach (var word in (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = word.Split(':');
            if (parts.Length != 2 || !Enum.TryParse<TokenArea>(parts[0], ignoreCase: true, out var area) || !Enum.IsDefined(area)) continue;
            var access = parts[1] switch { "read" => TokenAccess.Read, "write" => TokenAccess.ReadWrite, _ => TokenAccess.None };
            scopes = area switch
            {
                TokenArea.Plants => scopes with { Plants = access },
                TokenArea.Backlogs => scopes with { Backlogs = access },
                _ => scopes with { Maturity = access },
            };
        }
        return scopes;
    }
}
