using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs.ProductBacklog;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Backlogs.WorkItems;

namespace FactoryCloud.Web.Features.Backlogs.Shared;

internal static class BacklogViews
{
    public static ColumnView ToView(this WorkflowColumn c) => new(c.Id, c.Name, c.Category, c.Position, c.WipLimit);

    public static CustomFieldView ToView(this CustomFieldDefinition f) => new(f.Id, f.Name, f.Kind, f.Options, f.Required, f.Position);

    public static TeamView ToView(this Team t) => new(t.Id, t.Name, t.Description, t.Members, t.Serves);

    public static LinkView ToView(this WorkItemLink l) => new(l.Id, l.Kind, l.TargetId, l.Label);

    /// <summary>The body stays as stored (mentions as member tokens); the HTML shows each mention as the member's current name.</summary>
    public static CommentView ToView(this WorkItemComment c, IReadOnlyDictionary<Guid, string> names) =>
        new(c.Id, c.AuthorId, c.AuthorName, c.Body,
            MarkdownRenderer.ToHtml(CommentMentions.Display(c.Body, id => names.GetValueOrDefault(id), name => "**@" + MarkdownRenderer.Escape(name) + "**")),
            c.CreatedAt, c.EditedAt);

    public static AttachmentView ToView(this WorkItemAttachment a) =>
        new(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.StorageKey, a.UploadedBy, a.UploadedAt);

    public static HistoryView ToView(this WorkItemHistoryEntry h) => new(h.Id, h.At, h.UserId, h.UserName, h.Field, h.OldValue, h.NewValue);

    public static HypothesisView ToView(this KpiHypothesis h)
    {
        var outcome = h is { BaselineValue: { } baseline, MeasuredValue: { } measured }
            ? HypothesisOutcome.Evaluate(h.ExpectedChange, baseline, measured)
            : null;
        return new(h.Id, h.WorkItemId, h.Kpi, h.ScopeKind, h.ScopeId, h.ExpectedChange, h.PeriodDays, h.BaselineValue, h.BaselineFrom,
            h.BaselineTo, h.DoneAt, h.MeasuredValue, h.MeasuredFrom, h.MeasuredTo, outcome?.ActualChange, outcome?.Delivered);
    }

    public static ProductView ToView(this Product p, IEnumerable<WorkflowColumn> columns, IEnumerable<CustomFieldDefinition> fields) =>
        new(p.Id, p.Name, p.Description, p.BusinessOwnerId, p.BusinessOwnerName, p.TeamId, p.WipMode, p.PointScale,
            columns.OrderBy(c => c.Position).Select(ToView).ToList(), fields.OrderBy(f => f.Position).Select(ToView).ToList());

    public static BacklogRow ToRow(this WorkItem w, ColumnCategory category) =>
        new(w.Id, w.Type, w.Title, w.ColumnId, category, w.AssigneeId, w.Estimate, w.Priority, TagSet.Parse(w.Tags), w.DueDate,
            w.ParentId, w.SprintId, w.Rank, w.Version);
}
