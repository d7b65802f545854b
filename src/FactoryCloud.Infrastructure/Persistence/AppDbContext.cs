using System.Reflection;
using FactoryCloud.Domain.AccessTokens;
using FactoryCloud.Domain.Accounts;
using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Audit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Common;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Notifications;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Domain.Value;
using FactoryCloud.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>
/// The one database context. It is always created for a <see cref="DataScope"/>: every tenant-owned entity gets a
/// query filter for that scope, and saving refuses rows of another tenant. Provider-specific subclasses carry the
/// provider's migrations and conventions.
/// </summary>
public abstract class AppDbContext(DbContextOptions options, DataScope scope)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    public const string TenantFilter = "Tenant";

    public DataScope Scope { get; } = scope;

    // Read by the query filters; EF turns these into parameters, so the model is cached once for every scope.
    private Guid? ScopeTenantId => Scope.TenantId;
    private Guid? ScopeUserId => Scope.UserId;

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<EntraTenantLink> EntraTenantLinks => Set<EntraTenantLink>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<Line> Lines => Set<Line>();
    public DbSet<Machine> Machines => Set<Machine>();
    public DbSet<Device> Devices => Set<Device>();
    public DbSet<TelemetryEvent> TelemetryEvents => Set<TelemetryEvent>();
    public DbSet<IngestionRefusal> IngestionRefusals => Set<IngestionRefusal>();
    public DbSet<MachineStateChange> MachineStateChanges => Set<MachineStateChange>();
    public DbSet<MachineBucket> MachineBuckets => Set<MachineBucket>();
    public DbSet<MachineDowntimeBucket> MachineDowntimeBuckets => Set<MachineDowntimeBucket>();
    public DbSet<MachinePlannedDay> MachinePlannedDays => Set<MachinePlannedDay>();
    public DbSet<MachineDowntimeDay> MachineDowntimeDays => Set<MachineDowntimeDay>();
    public DbSet<MachinePlannedWeek> MachinePlannedWeeks => Set<MachinePlannedWeek>();
    public DbSet<MachineDowntimeWeek> MachineDowntimeWeeks => Set<MachineDowntimeWeek>();
    public DbSet<KpiSettings> KpiSettings => Set<KpiSettings>();
    public DbSet<TenantPlan> TenantPlans => Set<TenantPlan>();
    public DbSet<TenantExport> TenantExports => Set<TenantExport>();
    public DbSet<TenantPurgeRecord> TenantPurges => Set<TenantPurgeRecord>();
    public DbSet<AlertRule> AlertRules => Set<AlertRule>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<MaturityModelVersion> MaturityModelVersions => Set<MaturityModelVersion>();
    public DbSet<MaturityAssessment> MaturityAssessments => Set<MaturityAssessment>();
    public DbSet<MaturityAnswer> MaturityAnswers => Set<MaturityAnswer>();
    public DbSet<MaturityEvidenceFile> MaturityEvidenceFiles => Set<MaturityEvidenceFile>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<WorkflowColumn> WorkflowColumns => Set<WorkflowColumn>();
    public DbSet<WorkItem> WorkItems => Set<WorkItem>();
    public DbSet<Sprint> Sprints => Set<Sprint>();
    public DbSet<WorkItemLink> WorkItemLinks => Set<WorkItemLink>();
    public DbSet<WorkItemComment> WorkItemComments => Set<WorkItemComment>();
    public DbSet<WorkItemAttachment> WorkItemAttachments => Set<WorkItemAttachment>();
    public DbSet<CustomFieldDefinition> CustomFieldDefinitions => Set<CustomFieldDefinition>();
    public DbSet<CustomFieldValue> CustomFieldValues => Set<CustomFieldValue>();
    public DbSet<WorkItemHistoryEntry> WorkItemHistory => Set<WorkItemHistoryEntry>();
    public DbSet<KpiHypothesis> KpiHypotheses => Set<KpiHypothesis>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<SiteCostRates> SiteCostRates => Set<SiteCostRates>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<NotificationOutboxEntry> NotificationOutbox => Set<NotificationOutboxEntry>();
    public DbSet<PersonalNotification> PersonalNotifications => Set<PersonalNotification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<WorkItemWatch> WorkItemWatches => Set<WorkItemWatch>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
        {
            typeof(AppDbContext).GetMethod(nameof(ScopeToTenant), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(entityType.ClrType)
                .Invoke(this, [builder]);
        }
        builder.Entity<Membership>().HasQueryFilter(TenantFilter, m =>
            (ScopeTenantId != null && m.TenantId == ScopeTenantId) ||
            (ScopeTenantId == null && ScopeUserId != null && m.UserId == ScopeUserId));
    }

    private void ScopeToTenant<TEntity>(ModelBuilder builder) where TEntity : class, ITenantOwned
    {
        var entity = builder.Entity<TEntity>();
        entity.HasQueryFilter(TenantFilter, e => ScopeTenantId != null && e.TenantId == ScopeTenantId);
        entity.HasIndex(e => e.TenantId);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        TenantWriteGuard.Check(ChangeTracker, Scope);
        AppendOnlyGuard.Check(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        TenantWriteGuard.Check(ChangeTracker, Scope);
        AppendOnlyGuard.Check(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}
