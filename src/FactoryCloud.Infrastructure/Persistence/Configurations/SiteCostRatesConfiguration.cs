using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Domain.Value;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactoryCloud.Infrastructure.Persistence.Configurations;

// One row of cost rates per site; deleting the site deletes its rates (a deleted line's rate is ignored: no line, no hypothesis on it). Money as decimal(18,4) (TEXT on SQLite,
// where the app never sums it in SQL).
internal sealed class SiteCostRatesConfiguration : IEntityTypeConfiguration<SiteCostRates>
{
    public void Configure(EntityTypeBuilder<SiteCostRates> builder)
    {
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.DowntimePerHour).HasPrecision(18, 4);
        builder.Property(r => r.ScrapPerUnit).HasPrecision(18, 4);
        builder.Property(r => r.EnergyPerKwh).HasPrecision(18, 4);
        // The lines' own downtime rates: a short JSON list ([{"LineId":…,"PerHour":…}]), "[]" for none.
        builder.Property(r => r.LineDowntime)
            .HasConversion(JsonColumn.Converter<List<LineDowntimeRate>>(), JsonColumn.Comparer<List<LineDowntimeRate>>())
            .HasDefaultValue(new List<LineDowntimeRate>())
            .IsRequired();
        builder.Property(r => r.UpdatedBy).HasMaxLength(256);
        builder.HasIndex(r => new { r.TenantId, r.SiteId }).IsUnique();
        builder.HasOne<Site>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
