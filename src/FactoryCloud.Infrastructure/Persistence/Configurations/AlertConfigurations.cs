using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Notifications;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactoryCloud.Infrastructure.Persistence.Configurations;

internal sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(AlertRule.NameMaxLength);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ScopeKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.MeasureName).HasMaxLength(AlertRule.MeasureNameMaxLength);
        builder.Property(r => r.Severity).HasConversion<string>().HasMaxLength(16).HasDefaultValue(AlertSeverity.Major)
            .HasSentinel((AlertSeverity)(-1)); // Critical (0) is a real value: the default is for rows made before severities
        builder.Property(r => r.Notification)
            .HasConversion(JsonColumn.Converter<AlertNotificationPolicy>(), JsonColumn.Comparer<AlertNotificationPolicy>())
            .HasMaxLength(8000);
        // ScopeId names a machine, line or site (by ScopeKind), so it has no foreign key: a rule whose scope was
        // deleted simply watches no machine.
        builder.HasIndex(r => new { r.TenantId, r.Enabled });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.Property(a => a.Detail).HasMaxLength(Alert.DetailMaxLength);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.AcknowledgedByName).HasMaxLength(Alert.UserNameMaxLength);
        builder.Property(a => a.ClosedByName).HasMaxLength(Alert.UserNameMaxLength);
        builder.Ignore(a => a.IsActive);
        // At most one active alert per rule and machine, even when two processes evaluate at once.
        builder.HasIndex(a => new { a.RuleId, a.MachineId }).IsUnique().HasFilter("\"ClearedAt\" IS NULL").HasDatabaseName("IX_Alerts_Active");
        builder.HasIndex(a => new { a.TenantId, a.Status, a.RaisedAt });
        // Deleting a rule or a machine deletes its alerts.
        builder.HasOne<AlertRule>().WithMany().HasForeignKey(a => a.RuleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Machine>().WithMany().HasForeignKey(a => a.MachineId).OnDelete(DeleteBehavior.Cascade);
    }
}
