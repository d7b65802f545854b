using FactoryCloud.Domain.Tenancy;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>Who may change a comment: only its author edits it (they are their words); the author or an Owner or Admin (moderating) deletes it.</summary>
public static class CommentRules
{
    public static bool CanEdit(Guid authorId, Guid? userId, TenantRole? role) =>
        role?.CanEdit() == true && userId == authorId;

    public static bool CanDelete(Guid authorId, Guid? userId, TenantRole? role) =>
        role?.CanEdit() == true && (userId == authorId || role.Value.CanManageMembers());
}
