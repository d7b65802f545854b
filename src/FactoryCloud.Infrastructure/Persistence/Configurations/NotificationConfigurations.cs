using FactoryCloud.Domain.Notifications;
using FactoryCloud.Domain.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactoryCloud.Infrastructure.Persistence.Configurations;

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> builder)
    {
        builder.Property(w => w.Name).HasMaxLength(Webhook.NameMaxLength);
        builder.Property(w => w.Url).HasMaxLength(Webhook.UrlMaxLength);
        builder.Property(w => w.Format).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.Secret).HasMaxLength(64);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(w => w.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.Property(d => d.Event).HasMaxLength(WebhookDelivery.EventMaxLength);
        builder.Property(d => d.Error).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        builder.HasIndex(d => new { d.WebhookId, d.At });
        // Deleting a webhook deletes its log.
        builder.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationOutboxConfiguration : IEntityTypeConfiguration<NotificationOutboxEntry>
{
    public void Configure(EntityTypeBuilder<NotificationOutboxEntry> builder)
    {
        builder.ToTable("NotificationOutbox");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Event).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Target).HasMaxLength(NotificationOutboxEntry.TargetMaxLength);
        builder.Property(e => e.LastError).HasMaxLength(NotificationOutboxEntry.ErrorMaxLength);
        // The worker's question: what is due in this tenant. The alert id has no foreign key: a notice outlives its
        // alert (a deleted rule's pending events are dropped when processed).
        builder.HasIndex(e => new { e.TenantId, e.Status, e.DueAt });
        builder.HasIndex(e => e.AlertId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonalNotificationConfiguration : IEntityTypeConfiguration<PersonalNotification>
{
    public void Configure(EntityTypeBuilder<PersonalNotification> builder)
    {
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Title).HasMaxLength(PersonalNotification.TitleMaxLength);
        builder.Property(n => n.Text).HasMaxLength(PersonalNotification.TextMaxLength);
        builder.Property(n => n.Link).HasMaxLength(PersonalNotification.LinkMaxLength);
        // The centre's and the bell's question: this member's notices, newest first, unread ones.
        builder.HasIndex(n => new { n.TenantId, n.UserId, n.CreatedAt });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(n => n.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.HasKey(p => new { p.TenantId, p.UserId });
        foreach (var name in new[] { nameof(NotificationPreference.Assigned), nameof(NotificationPreference.Mentioned),
                     nameof(NotificationPreference.WatchedStatus), nameof(NotificationPreference.Sprint), nameof(NotificationPreference.Alert) })
            builder.Property<PersonalChannel>(name).HasConversion<string>().HasMaxLength(8);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
