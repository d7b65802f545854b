using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactoryCloud.Infrastructure.Persistence.Configurations;

internal sealed class KpiSettingsConfiguration : IEntityTypeConfiguration<KpiSettings>
{
    public void Configure(EntityTypeBuilder<KpiSettings> builder)
    {
        builder.ToTable("KpiSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Rules).HasConversion(JsonColumn.Converter<List<LossRule>>(), JsonColumn.Comparer<List<LossRule>>());
        builder.HasIndex(s => s.TenantId).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
