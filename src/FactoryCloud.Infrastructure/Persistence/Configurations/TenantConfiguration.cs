using FactoryCloud.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactoryCloud.Infrastructure.Persistence.Configurations;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(Tenant.NameMaxLength);
        builder.Property(t => t.Slug).HasMaxLength(Slug.MaxLength);
        builder.HasIndex(t => t.Slug).IsUnique();
    }
}
