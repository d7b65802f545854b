using FactoryCloud.Domain.AccessTokens;
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
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Domain.Value;
using FactoryCloud.Infrastructure.Persistence;

namespace FactoryCloud.IntegrationTests.Fixtures;

/// <summary>
/// How to make a valid row of every tenant-owned entity, for the isolation tests. A model test fails when a
/// tenant-owned entity has no sample here, so every new one is covered by the isolation tests.
/// </summary>
public static class TenantOwnedSamples
{
    /// <summary><c>Make</c> may add the row's parents to the context, in the context's tenant.</summary>
    public sealed record Sample(Type EntityType, Func<TenantPair, AppDbContext, ITenantOwned> Make, Func<AppDbContext, IQueryable<ITenantOwned>> Query);

    public static readonly IReadOnlyList<Sample> All =
    [
        new(typeof(Membership),
            (pair, _) => new Membership { UserId = pair.UserId, Role = TenantRole.Viewer, JoinedAt = DateTimeOffset.UtcNow },
            db => db.Memberships),
        new(typeof(Invitation),
            (_, _) => new Invitation
            {
                Email = "someone@test", Role = TenantRole.TeamMember, TokenHash = Guid.NewGuid().ToString("N"),
                CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(7),
            },
            db => db.Invitations),
        new(typeof(Site), (_, _) => NewSite(), db => db.Sites),
        new(typeof(Area), (_, db) => NewArea(db), db => db.Areas),
        new(typeof(Line), (_, db) => NewLine(db), db => db.Lines),
        new(typeof(Machine), (_, db) => NewMachine(db), db => db.Machines),
        new(typeof(Device),
            (_, _) => new Device
            {
                ScopeKind = DeviceScopeKind.Machine, ScopeId = Guid.NewGuid(), ClientId = "c-" + Guid.NewGuid().ToString("N"),
                Username = "u-" + Guid.NewGuid().ToString("N"), PasswordHash = "$7$1$AA==$AA==", CreatedAt = DateTimeOffset.UtcNow,
            },
            db => db.Devices),
        new(typeof(TelemetryEvent),
            (_, db) => new TelemetryEvent
            {
                MachineId = Parent(db, NewMachine(db)).Id, DeviceId = Guid.NewGuid(), DedupKey = "d:" + Guid.NewGuid().ToString("N"),
                Channel = TelemetryChannel.Count, Timestamp = DateTimeOffset.UtcNow, Payload = """{"ts":"2026-01-01T00:00:00Z","good":1}""",
                ReceivedAt = DateTimeOffset.UtcNow,
            },
            db => db.TelemetryEvents),
        new(typeof(IngestionRefusal),
            (_, _) => new IngestionRefusal
            {
                DeviceId = Guid.NewGuid(), Reason = RefusalReason.InvalidJson, Topic = "fc/v1/t/s/a/l/m/count", Detail = "bad",
                PayloadExcerpt = "{", At = DateTimeOffset.UtcNow,
            },
            db => db.IngestionRefusals),
        new(typeof(MachineStateChange),
            (_, db) => new MachineStateChange
            {
                MachineId = Parent(db, NewMachine(db)).Id, At = MachineStateChange.Normalize(DateTimeOffset.UtcNow), State = MachineState.Down, Reason = "jam",
            },
            db => db.MachineStateChanges),
        new(typeof(MachineBucket),
            (_, db) => new MachineBucket
            {
                MachineId = Parent(db, NewMachine(db)).Id, Size = BucketSize.Minute, Start = BucketSize.Minute.StartOf(DateTimeOffset.UtcNow),
                RunSeconds = 30, GoodCount = 5, MessageCount = 2,
            },
            db => db.MachineBuckets),
        new(typeof(MachinePlannedDay),
            (_, db) => new MachinePlannedDay
            {
                MachineId = Parent(db, NewMachine(db)).Id, Day = BucketSize.Day.StartOf(DateTimeOffset.UtcNow).AddDays(-1), Key = "0123456789ABCDEF", // the purge tests append to every Key
                RunTicks = 36_000_000_000, GoodCount = 12,
            },
            db => db.MachinePlannedDays),
        new(typeof(MachineDowntimeDay),
            (_, db) => new MachineDowntimeDay
            {
                MachineId = Parent(db, NewMachine(db)).Id, Day = BucketSize.Day.StartOf(DateTimeOffset.UtcNow).AddDays(-1), Reason = "jam",
                Key = "0123456789ABCDEF", // the purge tests append to every Key
                BreakdownTicks = 6_000_000_000, BreakdownEpisodes = 2,
            },
            db => db.MachineDowntimeDays),
        new(typeof(MachinePlannedWeek),
            (_, db) => new MachinePlannedWeek
            {
                MachineId = Parent(db, NewMachine(db)).Id, Week = BucketSize.Week.StartOf(DateTimeOffset.UtcNow).AddDays(-7), Key = "0123456789ABCDEF", // the purge tests append to every Key
                RunTicks = 252_000_000_000, GoodCount = 84,
            },
            db => db.MachinePlannedWeeks),
        new(typeof(MachineDowntimeWeek),
            (_, db) => new MachineDowntimeWeek
            {
                MachineId = Parent(db, NewMachine(db)).Id, Week = BucketSize.Week.StartOf(DateTimeOffset.UtcNow).AddDays(-7), Reason = "jam",
                Key = "0123456789ABCDEF", // the purge tests append to every Key
                BreakdownTicks = 42_000_000_000, BreakdownEpisodes = 14,
            },
            db => db.MachineDowntimeWeeks),
        new(typeof(MachineDowntimeBucket),
            (_, db) => new MachineDowntimeBucket
            {
                MachineId = Parent(db, NewMachine(db)).Id, Size = BucketSize.Hour, Start = BucketSize.Hour.StartOf(DateTimeOffset.UtcNow),
                Reason = "jam", DownSeconds = 12.5,
            },
            db => db.MachineDowntimeBuckets),
        new(typeof(KpiSettings),
            (_, _) => new KpiSettings { SmallStopThresholdSeconds = 90, Rules = [new(MachineState.Idle, "no-operator", LossCategory.Breakdown)] },
            db => db.KpiSettings),
        new(typeof(FactoryCloud.Domain.Lifecycle.TenantPlan),
            (_, _) => new FactoryCloud.Domain.Lifecycle.TenantPlan { Plan = "Free", RawEventRetentionDays = 30, MinuteBucketRetentionDays = 60 },
            db => db.TenantPlans),
        new(typeof(AlertRule), (_, _) => NewAlertRule(), db => db.AlertRules),
        new(typeof(Alert),
            (_, db) => Alert.Raise(Parent(db, NewAlertRule()), Parent(db, NewMachine(db)).Id, "Down for 12 min (jam)", DateTimeOffset.UtcNow),
            db => db.Alerts),
        new(typeof(MaturityModelVersion), (_, _) => NewModelVersion(), db => db.MaturityModelVersions),
        new(typeof(MaturityAssessment), (_, db) => NewAssessment(db), db => db.MaturityAssessments),
        new(typeof(MaturityAnswer),
            (_, db) => new MaturityAnswer
            {
                AssessmentId = Parent(db, NewAssessment(db)).Id, DimensionKey = "connectivity", Stage = MaturityStage.Developing,
                TargetStage = MaturityStage.Advanced, TargetDate = new DateOnly(2027, 6, 30), EvidenceLinks = ["https://wiki.example/ot"],
                UpdatedAt = DateTimeOffset.UtcNow,
            },
            db => db.MaturityAnswers),
        new(typeof(MaturityEvidenceFile),
            (pair, db) => new MaturityEvidenceFile
            {
                AnswerId = Parent(db, new MaturityAnswer { AssessmentId = Parent(db, NewAssessment(db)).Id, DimensionKey = "data", UpdatedAt = DateTimeOffset.UtcNow }).Id,
                FileName = "audit.pdf", ContentType = "application/pdf", SizeBytes = 10, UploadedBy = pair.UserId, UploadedAt = DateTimeOffset.UtcNow,
            },
            db => db.MaturityEvidenceFiles),
        new(typeof(Product), (_, _) => NewProduct(), db => db.Products),
        new(typeof(Team), (_, _) => new Team { Name = "Team " + Guid.NewGuid().ToString("N")[..8], Members = [new(Guid.NewGuid(), "Ana", Discipline.Data)] }, db => db.Teams),
        new(typeof(WorkflowColumn), (_, db) => NewColumn(db), db => db.WorkflowColumns),
        new(typeof(WorkItem), (_, db) => NewWorkItem(db), db => db.WorkItems),
        new(typeof(Sprint),
            (_, db) => new Sprint { ProductId = Parent(db, NewProduct()).Id, Name = "Sprint 1", StartDate = new(2026, 11, 2), EndDate = new(2026, 11, 13) },
            db => db.Sprints),
        new(typeof(WorkItemLink),
            (_, db) => new WorkItemLink { WorkItemId = Parent(db, NewWorkItem(db)).Id, Kind = LinkKinds.Alert, TargetId = Guid.NewGuid().ToString(), Label = "Alert" },
            db => db.WorkItemLinks),
        new(typeof(WorkItemComment),
            (pair, db) => new WorkItemComment { WorkItemId = Parent(db, NewWorkItem(db)).Id, AuthorId = pair.UserId, Body = "Looks good", CreatedAt = DateTimeOffset.UtcNow },
            db => db.WorkItemComments),
        new(typeof(WorkItemAttachment),
            (pair, db) => new WorkItemAttachment
            {
                WorkItemId = Parent(db, NewWorkItem(db)).Id, FileName = "spec.pdf", StorageKey = "attachments/spec.pdf", SizeBytes = 10,
                UploadedBy = pair.UserId, UploadedAt = DateTimeOffset.UtcNow,
            },
            db => db.WorkItemAttachments),
        new(typeof(CustomFieldDefinition), (_, db) => NewField(db), db => db.CustomFieldDefinitions),
        new(typeof(CustomFieldValue),
            (_, db) =>
            {
                var item = Parent(db, NewWorkItem(db));
                var field = Parent(db, new CustomFieldDefinition { ProductId = item.ProductId, Name = "Area", Kind = CustomFieldKind.Text });
                return new CustomFieldValue { WorkItemId = item.Id, FieldId = field.Id, Value = "Paint shop" };
            },
            db => db.CustomFieldValues),
        new(typeof(WorkItemHistoryEntry),
            (_, db) => new WorkItemHistoryEntry { WorkItemId = Guid.NewGuid(), ProductId = Parent(db, NewProduct()).Id, At = DateTimeOffset.UtcNow, Field = WorkItemFields.Title, NewValue = "x" },
            db => db.WorkItemHistory),
        new(typeof(KpiHypothesis),
            (_, db) =>
            {
                var item = Parent(db, NewWorkItem(db));
                return new KpiHypothesis { WorkItemId = item.Id, ProductId = item.ProductId, Kpi = HypothesisKpi.Oee, ScopeKind = AssetKind.Machine, ScopeId = Guid.NewGuid(), ExpectedChange = 0.05 };
            },
            db => db.KpiHypotheses),
        new(typeof(AuditEntry),
            (pair, _) => new AuditEntry
            {
                OccurredAt = DateTimeOffset.UtcNow, Action = AuditAction.MemberRoleChanged, ActorUserId = pair.UserId, ActorName = "owner@test",
                Target = "Member someone@test", Details = "Viewer → Admin", IpAddress = "127.0.0.1",
            },
            db => db.AuditEntries),
        new(typeof(PersonalAccessToken),
            (pair, _) => new PersonalAccessToken
            {
                UserId = pair.UserId, Name = "script", Scopes = "plants:read", TokenHash = Guid.NewGuid().ToString("N"), Hint = "fc_pat_abcdef",
                CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
            },
            db => db.PersonalAccessTokens),
        new(typeof(SiteCostRates),
            (_, db) => new SiteCostRates { SiteId = Parent(db, NewSite()).Id, Currency = "EUR", DowntimePerHour = 1200, ScrapPerUnit = 4.5m, EnergyPerKwh = 0.21m },
            db => db.SiteCostRates),
        new(typeof(Webhook), (_, _) => NewWebhook(), db => db.Webhooks),
        new(typeof(WebhookDelivery),
            (_, db) => new WebhookDelivery
            {
                WebhookId = Parent(db, NewWebhook()).Id, DeliveryId = Guid.NewGuid(), Event = "alert.test", Attempt = 1, At = DateTimeOffset.UtcNow,
                StatusCode = 200, Succeeded = true, DurationMs = 12.5,
            },
            db => db.WebhookDeliveries),
        new(typeof(NotificationOutboxEntry),
            (_, _) => new NotificationOutboxEntry
            {
                Kind = OutboxKind.Email, Event = AlertNoticeEvent.Raised, Target = "someone@test", Payload = "{}", CreatedAt = DateTimeOffset.UtcNow,
                DueAt = DateTimeOffset.UtcNow,
            },
            db => db.NotificationOutbox),
        new(typeof(PersonalNotification),
            (pair, _) => new PersonalNotification
            {
                UserId = pair.UserId, Kind = PersonalNoticeKind.Assigned, Title = "Assigned", Link = "/backlogs", CreatedAt = DateTimeOffset.UtcNow,
            },
            db => db.PersonalNotifications),
        new(typeof(NotificationPreference), (pair, _) => new NotificationPreference { UserId = pair.UserId, DailyDigest = true }, db => db.NotificationPreferences),
        new(typeof(WorkItemWatch),
            (pair, db) => new WorkItemWatch { WorkItemId = Parent(db, NewWorkItem(db)).Id, UserId = pair.UserId, Watching = true },
            db => db.WorkItemWatches),
        // Completed, so several samples of one tenant never meet the one-active-export-per-tenant index.
        new(typeof(TenantExport),
            (pair, _) => new TenantExport
            {
                Status = TenantExportStatus.Completed, RequestedBy = pair.UserId, RequestedAt = DateTimeOffset.UtcNow,
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(7),
            },
            db => db.TenantExports),
    ];

    public static Sample For(string entityName) => All.Single(s => s.EntityType.Name == entityName);

    private static Site NewSite() => new() { Key = "site-1", Name = "Site 1" };

    private static Area NewArea(AppDbContext db) => new() { SiteId = Parent(db, NewSite()).Id, Key = "area-1", Name = "Area 1" };

    private static Line NewLine(AppDbContext db) => new() { AreaId = Parent(db, NewArea(db)).Id, Key = "line-1", Name = "Line 1" };

    private static Machine NewMachine(AppDbContext db) => new() { LineId = Parent(db, NewLine(db)).Id, Key = "m-1", Name = "Machine 1" };

    private static AlertRule NewAlertRule() => new()
    {
        Name = "Press down", Kind = AlertRuleKind.MachineDown, ScopeKind = AlertScopeKind.Site, ScopeId = Guid.NewGuid(),
        DurationMinutes = 10, CreatedAt = DateTimeOffset.UtcNow,
    };

    private static Webhook NewWebhook() => new()
    {
        Name = "Teams", Url = "https://hooks.example.test/" + Guid.NewGuid().ToString("N"), Format = WebhookFormat.MicrosoftTeams,
        Secret = WebhookSignature.NewSecret(), CreatedAt = DateTimeOffset.UtcNow,
    };

    private static MaturityModelVersion NewModelVersion() => new()
    {
        ModelId = Guid.NewGuid(), Name = DefaultMaturityModel.Name, CreatedAt = DateTimeOffset.UtcNow, Definition = DefaultMaturityModel.Create(),
    };

    private static MaturityAssessment NewAssessment(AppDbContext db) => new()
    {
        ModelVersionId = Parent(db, NewModelVersion()).Id, SiteId = Parent(db, NewSite()).Id, Title = "Plant 1 2026",
        Assessors = ["owner@example.test"], CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
    };

    private static Product NewProduct() => new() { Name = "Product " + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTimeOffset.UtcNow };

    private static WorkflowColumn NewColumn(AppDbContext db) =>
        new() { ProductId = Parent(db, NewProduct()).Id, Name = "Ready", Category = ColumnCategory.Proposed };

    private static WorkItem NewWorkItem(AppDbContext db)
    {
        var column = Parent(db, NewColumn(db));
        return new() { ProductId = column.ProductId, ColumnId = column.Id, Title = "Story", Rank = "i", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
    }

    private static CustomFieldDefinition NewField(AppDbContext db) =>
        new() { ProductId = Parent(db, NewProduct()).Id, Name = "Area", Kind = CustomFieldKind.SingleSelect, Options = ["Paint", "Press"] };

    private static T Parent<T>(AppDbContext db, T parent) where T : class
    {
        db.Add(parent);
        return parent;
    }
}
