using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Domain.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactoryCloud.Infrastructure.Persistence.Configurations;

internal sealed class TenantExportConfiguration : IEntityTypeConfiguration<TenantExport>
{
    public void Configure(EntityTypeBuilder<TenantExport> builder)
    {
        builder.ToTable("TenantExports");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Error).HasMaxLength(TenantExport.ErrorMaxLength);
        builder.Ignore(e => e.IsActive);
        // One queued or running export per tenant: the second of two racing requests fails here (409).
        builder.HasIndex(e => e.TenantId, "IX_TenantExports_OneActivePerTenant").IsUnique().HasFilter("\"Status\" IN ('Queued', 'Running')");
        builder.HasIndex(e => e.ExpiresAt);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
