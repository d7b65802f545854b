using FactoryCloud.Domain.Audit;
using FactoryCloud.Domain.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactoryCloud.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.Target).HasMaxLength(AuditEntry.TextLength);
        builder.Property(e => e.Details).HasMaxLength(AuditEntry.TextLength);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        // The log is read newest first, page by page, within one tenant.
        builder.HasIndex(e => new { e.TenantId, e.OccurredAt });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
