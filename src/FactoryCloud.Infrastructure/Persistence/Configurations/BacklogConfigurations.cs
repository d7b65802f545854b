using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactoryCloud.Infrastructure.Persistence.Configurations;

// Backlogs (issue #5). Deleting a product deletes its columns, sprints, items and their details (Cascade); a work
// item's column is NoAction (checked at statement end, so a product's cascade may remove both); a deleted parent or
// sprint leaves its items in place (SetNull). History rows have no FK to the item: the log outlives the item.

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(Product.NameMaxLength);
        builder.Property(p => p.Description).HasMaxLength(WorkItem.TextMaxLength);
        builder.Property(p => p.BusinessOwnerName).HasMaxLength(200);
        builder.Property(p => p.WipMode).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.PointScale).HasConversion(JsonColumn.Converter<List<double>>(), JsonColumn.Comparer<List<double>>()).HasMaxLength(1000);
        builder.HasIndex(p => new { p.TenantId, p.Name }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Team>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(Team.NameMaxLength);
        builder.Property(t => t.Description).HasMaxLength(2000);
        builder.Property(t => t.Members).HasConversion(JsonColumn.Converter<List<TeamMember>>(), JsonColumn.Comparer<List<TeamMember>>());
        builder.Property(t => t.Serves).HasConversion(JsonColumn.Converter<List<ServedAsset>>(), JsonColumn.Comparer<List<ServedAsset>>());
        builder.HasIndex(t => new { t.TenantId, t.Name }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkflowColumnConfiguration : IEntityTypeConfiguration<WorkflowColumn>
{
    public void Configure(EntityTypeBuilder<WorkflowColumn> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(WorkflowColumn.NameMaxLength);
        builder.Property(c => c.Category).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(c => new { c.ProductId, c.Position });
        builder.HasOne<Product>().WithMany().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkItemConfiguration : IEntityTypeConfiguration<WorkItem>
{
    public void Configure(EntityTypeBuilder<WorkItem> builder)
    {
        builder.Property(w => w.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.Priority).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.Title).HasMaxLength(WorkItem.TitleMaxLength);
        builder.Property(w => w.Description).HasMaxLength(WorkItem.TextMaxLength);
        builder.Property(w => w.AcceptanceCriteria).HasMaxLength(WorkItem.TextMaxLength);
        builder.Property(w => w.Tags).HasMaxLength(1000);
        // Ranks compare ordinally; PostgreSQL gives the column the "C" collation (PostgresAppDbContext).
        builder.Property(w => w.Rank).HasMaxLength(Rank.MaxLength);
        builder.Property(w => w.Version).IsConcurrencyToken();
        // The backlog reads a product's items in rank order: this index serves it and makes a rank unique, so two
        // concurrent reorders to the same spot cannot both take the same key (the loser retries).
        builder.HasIndex(w => new { w.ProductId, w.Rank }).IsUnique();
        builder.HasIndex(w => new { w.ProductId, w.ColumnId });
        builder.HasIndex(w => w.SprintId);
        builder.HasIndex(w => w.ParentId);
        builder.HasOne<Product>().WithMany().HasForeignKey(w => w.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WorkflowColumn>().WithMany().HasForeignKey(w => w.ColumnId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<WorkItem>().WithMany().HasForeignKey(w => w.ParentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Sprint>().WithMany().HasForeignKey(w => w.SprintId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SprintConfiguration : IEntityTypeConfiguration<Sprint>
{
    public void Configure(EntityTypeBuilder<Sprint> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(Sprint.NameMaxLength);
        builder.Property(s => s.Goal).HasMaxLength(Sprint.GoalMaxLength);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Capacity).HasConversion(JsonColumn.Converter<List<MemberCapacity>>(), JsonColumn.Comparer<List<MemberCapacity>>());
        builder.HasIndex(s => new { s.ProductId, s.StartDate });
        builder.HasOne<Product>().WithMany().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkItemLinkConfiguration : IEntityTypeConfiguration<WorkItemLink>
{
    public void Configure(EntityTypeBuilder<WorkItemLink> builder)
    {
        builder.Property(l => l.Kind).HasMaxLength(WorkItemLink.KindMaxLength);
        builder.Property(l => l.TargetId).HasMaxLength(WorkItemLink.TargetMaxLength);
        builder.Property(l => l.Label).HasMaxLength(WorkItemLink.LabelMaxLength);
        builder.HasIndex(l => new { l.WorkItemId, l.Kind, l.TargetId }).IsUnique();
        builder.HasIndex(l => new { l.Kind, l.TargetId }); // "which work items link to this alert?"
        builder.HasOne<WorkItem>().WithMany().HasForeignKey(l => l.WorkItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkItemCommentConfiguration : IEntityTypeConfiguration<WorkItemComment>
{
    public void Configure(EntityTypeBuilder<WorkItemComment> builder)
    {
        builder.Property(c => c.AuthorName).HasMaxLength(200);
        builder.Property(c => c.Body).HasMaxLength(WorkItemComment.BodyMaxLength);
        builder.HasIndex(c => new { c.WorkItemId, c.CreatedAt });
        builder.HasOne<WorkItem>().WithMany().HasForeignKey(c => c.WorkItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkItemAttachmentConfiguration : IEntityTypeConfiguration<WorkItemAttachment>
{
    public void Configure(EntityTypeBuilder<WorkItemAttachment> builder)
    {
        builder.Property(a => a.FileName).HasMaxLength(WorkItemAttachment.FileNameMaxLength);
        builder.Property(a => a.ContentType).HasMaxLength(128);
        builder.Property(a => a.StorageKey).HasMaxLength(512);
        builder.HasIndex(a => a.WorkItemId);
        builder.HasOne<WorkItem>().WithMany().HasForeignKey(a => a.WorkItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CustomFieldDefinitionConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> builder)
    {
        builder.Property(f => f.Name).HasMaxLength(CustomFieldDefinition.NameMaxLength);
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Options).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
        builder.HasIndex(f => new { f.ProductId, f.Name }).IsUnique();
        builder.HasOne<Product>().WithMany().HasForeignKey(f => f.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CustomFieldValueConfiguration : IEntityTypeConfiguration<CustomFieldValue>
{
    public void Configure(EntityTypeBuilder<CustomFieldValue> builder)
    {
        builder.Property(v => v.Value).HasMaxLength(CustomFieldValue.ValueMaxLength);
        builder.HasIndex(v => new { v.FieldId, v.Value });
        builder.HasIndex(v => v.WorkItemId);
        builder.HasOne<WorkItem>().WithMany().HasForeignKey(v => v.WorkItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CustomFieldDefinition>().WithMany().HasForeignKey(v => v.FieldId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkItemHistoryEntryConfiguration : IEntityTypeConfiguration<WorkItemHistoryEntry>
{
    public void Configure(EntityTypeBuilder<WorkItemHistoryEntry> builder)
    {
        builder.Property(h => h.Field).HasMaxLength(WorkItemHistoryEntry.FieldMaxLength);
        builder.Property(h => h.UserName).HasMaxLength(200);
        builder.Property(h => h.OldValue).HasMaxLength(WorkItemHistoryEntry.ValueMaxLength);
        builder.Property(h => h.NewValue).HasMaxLength(WorkItemHistoryEntry.ValueMaxLength);
        builder.HasIndex(h => new { h.WorkItemId, h.At });
        builder.HasIndex(h => new { h.ProductId, h.At });
        builder.HasOne<Product>().WithMany().HasForeignKey(h => h.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class KpiHypothesisConfiguration : IEntityTypeConfiguration<KpiHypothesis>
{
    public void Configure(EntityTypeBuilder<KpiHypothesis> builder)
    {
        builder.Property(h => h.Kpi).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.ScopeKind).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(h => h.WorkItemId).IsUnique();
        builder.HasIndex(h => h.ProductId);
        builder.HasOne<WorkItem>().WithMany().HasForeignKey(h => h.WorkItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkItemWatchConfiguration : IEntityTypeConfiguration<WorkItemWatch>
{
    public void Configure(EntityTypeBuilder<WorkItemWatch> builder)
    {
        builder.HasIndex(w => new { w.WorkItemId, w.UserId }).IsUnique();
        builder.HasOne<WorkItem>().WithMany().HasForeignKey(w => w.WorkItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
