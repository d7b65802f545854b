using FactoryCloud.Domain.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactoryCloud.Infrastructure.Persistence.Configurations;

internal sealed class EntraTenantLinkConfiguration : IEntityTypeConfiguration<EntraTenantLink>
{
    public void Configure(EntityTypeBuilder<EntraTenantLink> builder)
    {
        builder.ToTable("EntraTenantLinks");
        builder.HasIndex(l => l.TenantId).IsUnique();
        builder.HasIndex(l => l.EntraTenantId).IsUnique();
        builder.Property(l => l.GroupRole).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(l => l.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
