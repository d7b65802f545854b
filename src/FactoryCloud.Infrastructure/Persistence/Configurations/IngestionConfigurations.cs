using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactoryCloud.Infrastructure.Persistence.Configurations;

internal sealed class TelemetryEventConfiguration : IEntityTypeConfiguration<TelemetryEvent>
{
    public void Configure(EntityTypeBuilder<TelemetryEvent> builder)
    {
        builder.Property(e => e.DedupKey).HasMaxLength(128);
        builder.Property(e => e.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Payload).HasMaxLength(8192);
        // Redelivered or repeated messages hit this index and are applied once.
        builder.HasIndex(e => new { e.TenantId, e.DedupKey }).IsUnique();
        builder.HasIndex(e => new { e.MachineId, e.Timestamp });
        builder.HasOne<Machine>().WithMany().HasForeignKey(e => e.MachineId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IngestionRefusalConfiguration : IEntityTypeConfiguration<IngestionRefusal>
{
    public void Configure(EntityTypeBuilder<IngestionRefusal> builder)
    {
        builder.Property(r => r.Reason).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Topic).HasMaxLength(IngestionRefusal.TopicMaxLength);
        builder.Property(r => r.Detail).HasMaxLength(256);
        builder.Property(r => r.PayloadExcerpt).HasMaxLength(IngestionRefusal.ExcerptMaxLength);
        builder.HasIndex(r => new { r.TenantId, r.At });
    }
}

internal sealed class MachineStateChangeConfiguration : IEntityTypeConfiguration<MachineStateChange>
{
    public void Configure(EntityTypeBuilder<MachineStateChange> builder)
    {
        // One state per machine and instant: a second one at the same instant replaces the first (upsert).
        builder.HasKey(c => new { c.MachineId, c.At });
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Reason).HasMaxLength(MachineStateChange.ReasonMaxLength);
        builder.HasOne<Machine>().WithMany().HasForeignKey(c => c.MachineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MachineBucketConfiguration : IEntityTypeConfiguration<MachineBucket>
{
    public void Configure(EntityTypeBuilder<MachineBucket> builder)
    {
        // The processor upserts on this key, adding to the stored sums.
        builder.HasKey(b => new { b.MachineId, b.Size, b.Start });
        builder.Property(b => b.Size).HasConversion<string>().HasMaxLength(8);
        builder.HasOne<Machine>().WithMany().HasForeignKey(b => b.MachineId).OnDelete(DeleteBehavior.Cascade);
        // KPI queries probe one (machine, size, start) per planned bucket and read only the counts and the exact time
        // sums: on PostgreSQL a covering index answers them from the index alone (TenantId for the row-level security policy).
        builder.HasIndex(b => new { b.MachineId, b.Size, b.Start }, "IX_MachineBuckets_Kpi")
            .IncludeProperties(b => new
            {
                b.TenantId, b.GoodCount, b.ScrapCount, b.IdealSecondsTotal, b.IdealSecondsGood, b.EnergyKwh,
                b.RunTicks, b.PlannedStopTicks, b.BreakdownTicks, b.SmallStopTicks, b.SetupTicks, b.IdleLossTicks,
                b.OfflineLossTicks, b.NoDataLossTicks, b.BreakdownEpisodes,
            });
    }
}

internal sealed class MachineDowntimeBucketConfiguration : IEntityTypeConfiguration<MachineDowntimeBucket>
{
    public void Configure(EntityTypeBuilder<MachineDowntimeBucket> builder)
    {
        builder.HasKey(b => new { b.MachineId, b.Size, b.Start, b.Reason });
        builder.Property(b => b.Size).HasConversion<string>().HasMaxLength(8);
        builder.Property(b => b.Reason).HasMaxLength(MachineStateChange.ReasonMaxLength);
        builder.HasOne<Machine>().WithMany().HasForeignKey(b => b.MachineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MachinePlannedDayConfiguration : IEntityTypeConfiguration<MachinePlannedDay>
{
    public void Configure(EntityTypeBuilder<MachinePlannedDay> builder)
    {
        builder.HasKey(d => new { d.MachineId, d.Day });
        builder.Property(d => d.Key).HasMaxLength(PlannedDayKey.Length);
        builder.HasOne<Machine>().WithMany().HasForeignKey(d => d.MachineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MachinePlannedWeekConfiguration : IEntityTypeConfiguration<MachinePlannedWeek>
{
    public void Configure(EntityTypeBuilder<MachinePlannedWeek> builder)
    {
        builder.HasKey(w => new { w.MachineId, w.Week });
        builder.Property(w => w.Key).HasMaxLength(PlannedDayKey.Length);
        builder.HasOne<Machine>().WithMany().HasForeignKey(w => w.MachineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MachineDowntimeWeekConfiguration : IEntityTypeConfiguration<MachineDowntimeWeek>
{
    public void Configure(EntityTypeBuilder<MachineDowntimeWeek> builder)
    {
        builder.HasKey(w => new { w.MachineId, w.Week, w.Reason });
        builder.Property(w => w.Reason).HasMaxLength(MachineStateChange.ReasonMaxLength);
        builder.Property(w => w.Key).HasMaxLength(PlannedDayKey.Length);
        builder.HasOne<Machine>().WithMany().HasForeignKey(w => w.MachineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MachineDowntimeDayConfiguration : IEntityTypeConfiguration<MachineDowntimeDay>
{
    public void Configure(EntityTypeBuilder<MachineDowntimeDay> builder)
    {
        builder.HasKey(d => new { d.MachineId, d.Day, d.Reason });
        builder.Property(d => d.Reason).HasMaxLength(MachineStateChange.ReasonMaxLength);
        builder.Property(d => d.Key).HasMaxLength(PlannedDayKey.Length);
        builder.HasOne<Machine>().WithMany().HasForeignKey(d => d.MachineId).OnDelete(DeleteBehavior.Cascade);
    }
}
