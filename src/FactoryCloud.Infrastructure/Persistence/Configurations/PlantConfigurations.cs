using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactoryCloud.Infrastructure.Persistence.Configurations;

// The ISA-95 hierarchy: keys are unique among siblings; a parent with children cannot be deleted (Restrict).

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.Property(s => s.Key).HasMaxLength(AssetKey.MaxLength);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.Shifts).HasConversion(JsonColumn.Converter<List<ShiftPattern>>(), JsonColumn.Comparer<List<ShiftPattern>>());
        builder.HasIndex(s => new { s.TenantId, s.Key }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> builder)
    {
        builder.Property(a => a.Key).HasMaxLength(AssetKey.MaxLength);
        builder.Property(a => a.Name).HasMaxLength(100);
        builder.HasIndex(a => new { a.SiteId, a.Key }).IsUnique();
        builder.HasOne<Site>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LineConfiguration : IEntityTypeConfiguration<Line>
{
    public void Configure(EntityTypeBuilder<Line> builder)
    {
        builder.Property(l => l.Key).HasMaxLength(AssetKey.MaxLength);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.HasIndex(l => new { l.AreaId, l.Key }).IsUnique();
        builder.HasOne<Area>().WithMany().HasForeignKey(l => l.AreaId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MachineConfiguration : IEntityTypeConfiguration<Machine>
{
    public void Configure(EntityTypeBuilder<Machine> builder)
    {
        builder.Property(m => m.Key).HasMaxLength(AssetKey.MaxLength);
        builder.Property(m => m.Name).HasMaxLength(100);
        builder.Property(m => m.LossSumsKey).HasMaxLength(Machine.LossSumsKeyLength);
        builder.Property(m => m.ProductCycleTimes).HasConversion(JsonColumn.Converter<Dictionary<string, double>>(), JsonColumn.Comparer<Dictionary<string, double>>());
        builder.HasIndex(m => new { m.LineId, m.Key }).IsUnique();
        builder.HasOne<Line>().WithMany().HasForeignKey(m => m.LineId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> builder)
    {
        builder.Property(d => d.ClientId).HasMaxLength(128);
        builder.Property(d => d.Username).HasMaxLength(128);
        builder.Property(d => d.PasswordHash).HasMaxLength(256);
        builder.Property(d => d.ScopeKind).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(d => d.ClientId).IsUnique();
        builder.HasIndex(d => d.Username).IsUnique();
        builder.HasIndex(d => new { d.TenantId, d.ScopeKind, d.ScopeId });
        builder.Ignore(d => d.IsActive);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
