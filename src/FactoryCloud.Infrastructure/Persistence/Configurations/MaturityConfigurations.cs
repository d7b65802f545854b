using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactoryCloud.Infrastructure.Persistence.Configurations;

// Maturity models are versioned documents (the definition is one JSON column); an assessment points at the exact
// version it was taken with (Restrict: a version in use cannot be deleted); answers go with their assessment.

internal sealed class MaturityModelVersionConfiguration : IEntityTypeConfiguration<MaturityModelVersion>
{
    public void Configure(EntityTypeBuilder<MaturityModelVersion> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(100);
        builder.Property(m => m.CreatedBy).HasMaxLength(256);
        builder.Property(m => m.Definition)
            .HasConversion(JsonColumn.Converter<MaturityModelDefinition>(), JsonColumn.Comparer<MaturityModelDefinition>());
        builder.HasIndex(m => new { m.TenantId, m.ModelId, m.Version }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MaturityAssessmentConfiguration : IEntityTypeConfiguration<MaturityAssessment>
{
    public void Configure(EntityTypeBuilder<MaturityAssessment> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Assessors).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.ApprovedBy).HasMaxLength(256);
        builder.Ignore(a => a.IsReadOnly);
        builder.Ignore(a => a.TakenAt);
        builder.HasIndex(a => new { a.TenantId, a.SiteId });
        builder.HasOne<MaturityModelVersion>().WithMany().HasForeignKey(a => a.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MaturityAnswerConfiguration : IEntityTypeConfiguration<MaturityAnswer>
{
    public void Configure(EntityTypeBuilder<MaturityAnswer> builder)
    {
        builder.Property(a => a.DimensionKey).HasMaxLength(64);
        builder.Property(a => a.Stage).HasConversion<int?>();
        builder.Property(a => a.TargetStage).HasConversion<int?>();
        builder.Property(a => a.Confidence).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Notes).HasMaxLength(MaturityAnswer.MaxNotesLength);
        builder.Property(a => a.EvidenceLinks).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
        builder.HasIndex(a => new { a.AssessmentId, a.DimensionKey }).IsUnique();
        builder.HasOne<MaturityAssessment>().WithMany().HasForeignKey(a => a.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MaturityEvidenceFileConfiguration : IEntityTypeConfiguration<MaturityEvidenceFile>
{
    public void Configure(EntityTypeBuilder<MaturityEvidenceFile> builder)
    {
        builder.Property(f => f.FileName).HasMaxLength(MaturityEvidenceFile.FileNameMaxLength);
        builder.Property(f => f.ContentType).HasMaxLength(128);
        builder.HasIndex(f => f.AnswerId);
        builder.HasOne<MaturityAnswer>().WithMany().HasForeignKey(f => f.AnswerId).OnDelete(DeleteBehavior.Cascade);
    }
}
