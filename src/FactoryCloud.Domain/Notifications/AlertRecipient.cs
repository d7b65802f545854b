using FactoryCloud.Domain.Tenancy;

namespace FactoryCloud.Domain.Notifications;

public enum AlertRecipientKind
{
    Role,
    Member,
    Team,
}

/// <summary>
/// Who a notice is for, written as text so that a rule's policy stays one small JSON value and the API and the
/// dialog use one list: <c>role:PlantManager</c>, <c>member:&lt;user id&gt;</c>, <c>team:&lt;team id&gt;</c>.
/// </summary>
public readonly record struct AlertRecipient(AlertRecipientKind Kind, TenantRole? Role, Guid? Id)
{
    public static AlertRecipient ForRole(TenantRole role) => new(AlertRecipientKind.Role, role, null);
    public static AlertRecipient ForMember(Guid userId) => new(AlertRecipientKind.Member, null, userId);
    public static AlertRecipient ForTeam(Guid teamId) => new(AlertRecipientKind.Team, null, teamId);

    public override string ToString() => Kind switch
    {
        AlertRecipientKind.Role => $"role:{Role}",
        AlertRecipientKind.Member => $"member:{Id}",
        _ => $"team:{Id}",
    };

    /// <summary>Parses <c>role:Name</c>, <c>member:guid</c> or <c>team:guid</c> (prefix case-insensitive); null otherwise.</summary>
    public static AlertRecipient? Parse(string? text)
    {
        if (text is null || text.IndexOf(':', StringComparison.Ordinal) is not (> 0 and var colon)) return null;
        var (prefix, value) = (text[..colon].Trim().ToLowerInvariant(), text[(colon + 1)..].Trim());
        return prefix switch
        {
            "role" when Enum.TryParse<TenantRole>(value, ignoreCase: true, out var role) && Enum.IsDefined(role) && !int.TryParse(value, out _) => ForRole(role),
            "member" when Guid.TryParse(value, out var id) && id != Guid.Empty => ForMember(id),
            "team" when Guid.TryParse(value, out var id) && id != Guid.Empty => ForTeam(id),
            _ => null,
        };
    }
}
