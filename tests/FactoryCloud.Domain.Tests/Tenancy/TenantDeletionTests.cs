using FactoryCloud.Domain.Tenancy;

namespace FactoryCloud.Domain.Tests.Tenancy;

public sealed class TenantDeletionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Acme Works", true)]
    [InlineData("  Acme Works ", true)]
    [InlineData("acme works", false)]
    [InlineData("Acme  Works", false)]
    [InlineData("Acme Works.", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void The_typed_name_must_match_exactly_apart_from_surrounding_spaces(string? typed, bool matches) =>
        Assert.Equal(matches, TenantDeletion.ConfirmationMatches("Acme Works", typed));

    [Fact]
    public void Deleting_sets_the_purge_date_after_the_grace_period_and_deleting_again_keeps_it()
    {
        var tenant = new Tenant { Name = "Acme", Slug = "acme" };
        var owner = Guid.NewGuid();

        TenantDeletion.MarkDeleted(tenant, owner, Now, TimeSpan.FromDays(30));
        TenantDeletion.MarkDeleted(tenant, Guid.NewGuid(), Now.AddDays(5), TimeSpan.FromDays(30));

        Assert.True(tenant.IsScheduledForDeletion);
        Assert.Equal(Now, tenant.DeletedAt);
        Assert.Equal(owner, tenant.DeletedByUserId);
        Assert.Equal(Now.AddDays(30), tenant.PurgeAfter);
    }

    [Fact]
    public void It_is_due_only_from_its_purge_date_and_never_once_restored()
    {
        var tenant = new Tenant { Name = "Acme", Slug = "acme" };
        Assert.False(TenantDeletion.IsDue(tenant, Now.AddYears(1)));
        TenantDeletion.MarkDeleted(tenant, Guid.NewGuid(), Now, TimeSpan.FromDays(30));

        Assert.False(TenantDeletion.IsDue(tenant, Now.AddDays(30).AddTicks(-1)));
        Assert.True(TenantDeletion.IsDue(tenant, Now.AddDays(30)));

        TenantDeletion.Restore(tenant);
        Assert.False(tenant.IsScheduledForDeletion);
        Assert.Null(tenant.PurgeAfter);
        Assert.False(TenantDeletion.IsDue(tenant, Now.AddYears(1)));
    }

    [Fact]
    public void The_sentence_names_the_organisation_the_date_and_the_restore() =>
        Assert.Equal("The organisation Acme is scheduled for deletion on 2027-01-06 00:00 UTC. Until then an Owner can restore it.",
            TenantDeletion.Detail("Acme", Now.AddDays(30)));
}
