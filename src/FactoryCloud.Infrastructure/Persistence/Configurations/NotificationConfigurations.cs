using FactoryCloud.Domain.Notifications;
using FactoryCloud.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
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
