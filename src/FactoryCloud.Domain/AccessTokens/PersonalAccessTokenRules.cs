namespace FactoryCloud.Domain.AccessTokens;

/// <summary>What a new personal access token must be, and how often its use is recorded.</summary>
public static class PersonalAccessTokenRules
{
    public const int NameLength = 80;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);
    public static readonly TimeSpan MinLifetime = TimeSpan.FromDays(1);

    /// <summary>"Last used" is written at most once per this interval per token, so a busy script costs no write per call.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>The problems with a requested token, by field; empty when it may be created.</summary>
    public static IReadOnlyDictionary<string, string> Check(string? name, TokenScopes scopes, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(name)) errors["Name"] = "Give the token a name.";
        else if (name.Trim().Length > NameLength) errors["Name"] = $"Use at most {NameLength} characters.";
        if (scopes.IsEmpty) errors["Scopes"] = "Give the token access to at least one area.";
        if (expiresAt < now + MinLifetime) errors["ExpiresAt"] = "Choose an expiry at least one day ahead.";
        else if (expiresAt > now + MaxLifetime) errors["ExpiresAt"] = "Choose an expiry within one year.";
        return errors;
    }

    public static bool ShouldRecordUse(DateTimeOffset? lastUsedAt, DateTimeOffset now) =>
        lastUsedAt is null || now - lastUsedAt.Value >= LastUsedResolution;
}
