using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Tenancy;
using Xunit;

namespace FactoryCloud.Domain.Tests.Backlogs;

public sealed class CommentRulesTests
{
    private static readonly Guid Author = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Someone = Guid.Parse("00000000-0000-0000-0000-0000000000b2");

    [Theory]
    [InlineData(TenantRole.Owner)]
    [InlineData(TenantRole.Admin)]
    [InlineData(TenantRole.PlantManager)]
    [InlineData(TenantRole.TeamMember)]
    public void TheAuthorEditsAndDeletesTheirComment(TenantRole role)
    {
        Assert.True(CommentRules.CanEdit(Author, Author, role));
        Assert.True(CommentRules.CanDelete(Author, Author, role));
    }

    [Theory]
    [InlineData(TenantRole.Owner)]
    [InlineData(TenantRole.Admin)]
    public void OwnersAndAdminsDeleteAnyCommentButDoNotEditOthersWords(TenantRole role)
    {
        Assert.True(CommentRules.CanDelete(Author, Someone, role));
        Assert.False(CommentRules.CanEdit(Author, Someone, role));
    }

    [Theory]
    [InlineData(TenantRole.PlantManager)]
    [InlineData(TenantRole.TeamMember)]
    public void OtherMembersNeitherEditNorDeleteSomeoneElsesComment(TenantRole role)
    {
        Assert.False(CommentRules.CanEdit(Author, Someone, role));
        Assert.False(CommentRules.CanDelete(Author, Someone, role));
    }

    [Fact]
    public void AnAuthorWhoBecameAViewerNoLongerChangesTheirComment()
    {
        Assert.False(CommentRules.CanEdit(Author, Author, TenantRole.Viewer));
        Assert.False(CommentRules.CanDelete(Author, Author, TenantRole.Viewer));
        Assert.False(CommentRules.CanDelete(Author, Author, null));
    }
}
