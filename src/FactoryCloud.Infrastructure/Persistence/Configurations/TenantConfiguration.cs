using FactoryCloud.Domain.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactoryCloud.Infrastructure.Persistence.Configurations;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(Tenant.NameMaxLength);
        builder.Property(t => t.Slug).HasMaxLength(Slug.MaxLength);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.HasIndex(t => t.PurgeAfter);
    }
}

internal sealed class TenantPurgeRecordConfiguration : IEntityTypeConfiguration<FactoryCloud.Domain.Lifecycle.TenantPurgeRecord>
{
    public void Configure(EntityTypeBuilder<FactoryCloud.Domain.Lifecycle.TenantPurgeRecord> builder)
    {
        builder.ToTable("TenantPurges");
        builder.HasIndex(p => p.TenantId);
    }
}
