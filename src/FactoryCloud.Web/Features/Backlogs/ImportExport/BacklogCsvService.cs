using System.Globalization;
using System.Text;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Common;
using FactoryCloud.Web.Common.Export;
using FactoryCloud.Web.Features.Backlogs.WorkItems;

namespace FactoryCloud.Web.Features.Backlogs.ImportExport;

/// <summary>
/// CSV import (preview with per-row errors; nothing is imported while a row is wrong unless bad rows are skipped)
/// and CSV / Excel export of a product's backlog in rank order. Import columns, by header name (case-insensitive):
/// Title (required), Type, Column, Assignee (member e-mail), Estimate, Priority, Tags (separated by ; or ,),
/// Due date (yyyy-MM-dd), Description, Acceptance criteria, and one column per custom field (multi-select values
/// separated by ;). Id, Parent and Sprint columns of an export are ignored on import.
/// </summary>
public sealed class BacklogCsvService(IDbContextFactory<AppDbContext> contexts, BacklogActor actor)
{
    public const string ExcelContentType = XlsxExport.ContentType;
    public const int MaxImportRows = 5000;

    /// <summary>The largest file the import takes, through the API or the dialog.</summary>
    public const long MaxImportBytes = 5 * 1024 * 1024;

    private static readonly string[] FixedHeaders =
        ["Id", "Type", "Title", "Column", "Assignee", "Estimate", "Priority", "Tags", "Due date", "Parent", "Sprint", "Description", "Acceptance criteria"];

    public async Task<OperationResult<byte[]>> ExportCsvAsync(Guid productId, CancellationToken ct = default)
    {
        if (await TableAsync(productId, ct) is not { } table) return Failure.NotFound("The product");
        var csv = new StringBuilder();
        foreach (var row in table) csv.Append(CsvText.Line(row)).Append("\r\n");
        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
    }

    /// <summary>The same table as the CSV, as text cells, so a round trip through Excel imports again.</summary>
    public async Task<OperationResult<byte[]>> ExportExcelAsync(Guid productId, CancellationToken ct = default)
    {
        if (await TableAsync(productId, ct) is not { } table) return Failure.NotFound("The product");
        return XlsxExport.Write([new ExportTable("Backlog", table[0].Select(h => h ?? "").ToList(), table.Skip(1).ToList())]);
    }

    public async Task<OperationResult<ImportPreview>> PreviewAsync(Guid productId, string csv, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await ReadAsync(db, productId, csv, ct) is not { } read) return Failure.NotFound("The product");
        return read.Preview;
    }

    public async Task<OperationResult<ImportResult>> ImportAsync(Guid productId, string csv, bool skipBadRows, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await ReadAsync(db, productId, csv, ct) is not { } read) return Failure.NotFound("The product");
        var preview = read.Preview;
        if (preview.FileErrors.Count > 0) return new Failure(FailureKind.Validation, string.Join(" ", preview.FileErrors), new Dictionary<string, string[]> { ["file"] = [.. preview.FileErrors] });
        if (preview.Invalid > 0 && !skipBadRows)
            return new Failure(FailureKind.Validation, $"Nothing was imported: {preview.Invalid} row(s) have errors.",
                preview.Rows.Where(r => !r.IsValid).ToDictionary(r => $"line {r.LineNumber}", r => r.Errors.ToArray()));

        var name = await actor.NameAsync(db, ct);
        var last = await db.WorkItems.Where(w => w.ProductId == productId).OrderByDescending(w => w.Rank).Select(w => w.Rank).FirstOrDefaultAsync(ct);
        foreach (var (item, values) in read.Items)
        {
            item.Rank = last = Rank.After(last);
            (item.CreatedAt, item.UpdatedAt, item.CreatedBy) = (actor.Now, actor.Now, actor.UserId);
            db.WorkItems.Add(item);
            db.CustomFieldValues.AddRange(values.Select(v => new CustomFieldValue { WorkItemId = item.Id, FieldId = v.FieldId, Value = v.Value }));
            WorkItemHistory.RecordCreated(db, item, actor, name);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Failure.Conflict("Someone added items at the same moment; nothing was imported. Try again.");
        }
        return new ImportResult(read.Items.Count, preview.Invalid, preview);
    }

    private sealed record ReadResult(ImportPreview Preview, List<(WorkItem Item, List<(Guid FieldId, string Value)> Values)> Items);

    private async Task<ReadResult?> ReadAsync(AppDbContext db, Guid productId, string csv, CancellationToken ct)
    {
        if (await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == productId, ct) is not { } product) return null;
        var columns = await db.WorkflowColumns.AsNoTracking().Where(c => c.ProductId == productId).OrderBy(c => c.Position).ToListAsync(ct);
        var fields = await db.CustomFieldDefinitions.AsNoTracking().Where(f => f.ProductId == productId).ToListAsync(ct);
        var members = await db.Memberships.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.NormalizedEmail }).ToListAsync(ct);

        var records = CsvText.Parse(csv);
        if (records.Count == 0) return Empty("The file is empty.");
        var header = records[0].Fields.Select((h, i) => (Name: h.Trim(), Index: i)).Where(h => h.Name.Length > 0)
            .GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Index, StringComparer.OrdinalIgnoreCase);
        if (!header.ContainsKey("Title")) return Empty("The first line must be a header with at least a Title column.");
        if (records.Count - 1 > MaxImportRows) return Empty($"At most {MaxImportRows} rows at once.");

        var rows = new List<ImportRow>();
        var items = new List<(WorkItem, List<(Guid, string)>)>();
        foreach (var record in records.Skip(1))
        {
            string Cell(string name) => header.TryGetValue(name, out var i) && i < record.Fields.Count ? record.Fields[i].Trim() : "";
            var errors = new List<string>();
            var request = new WorkItemRequest { Title = Cell("Title"), Description = Cell("Description"), AcceptanceCriteria = Cell("Acceptance criteria") };
            if (Cell("Type") is { Length: > 0 } type)
                if (Enum.TryParse<WorkItemType>(type, true, out var t) && Enum.IsDefined(t)) request.Type = t; else errors.Add($"Type '{type}' is not one of {string.Join(", ", Enum.GetNames<WorkItemType>())}.");
            if (Cell("Priority") is { Length: > 0 } priority)
                if (Enum.TryParse<WorkItemPriority>(priority, true, out var p) && Enum.IsDefined(p)) request.Priority = p; else errors.Add($"Priority '{priority}' is not one of {string.Join(", ", Enum.GetNames<WorkItemPriority>())}.");
            var columnName = Cell("Column");
            var column = columnName.Length == 0 ? columns[0] : columns.FirstOrDefault(c => string.Equals(c.Name, columnName, StringComparison.OrdinalIgnoreCase));
            if (column is null) errors.Add($"Column '{columnName}' is not one of {string.Join(", ", columns.Select(c => c.Name))}.");
            if (Cell("Estimate") is { Length: > 0 } estimate)
            {
                if (!double.TryParse(estimate, NumberStyles.Float, CultureInfo.InvariantCulture, out var points) || !PointScale.Allows(product.PointScale, points))
                    errors.Add($"Estimate '{estimate}' is not on the scale {string.Join(", ", product.PointScale)}.");
                else request.Estimate = points;
            }
            if (Cell("Due date") is { Length: > 0 } due)
            {
                if (DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) request.DueDate = date;
                else errors.Add($"Due date '{due}' must be yyyy-MM-dd.");
            }
            if (Cell("Assignee") is { Length: > 0 } email)
            {
                var member = members.FirstOrDefault(m => m.NormalizedEmail == email.ToUpperInvariant());
                if (member is null) errors.Add($"Assignee '{email}' is not a member of this organisation."); else request.AssigneeId = member.Id;
            }
            request.Tags = Cell("Tags").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            errors.AddRange(RequestValidation.Validate(request)?.Errors?.Values.SelectMany(e => e) ?? []);
            var values = new List<(Guid, string)>();
            foreach (var field in fields)
            {
                var outcome = CustomFieldRules.Validate(field, Cell(field.Name).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                if (outcome.IsValid) values.AddRange(outcome.Values.Select(v => (field.Id, v))); else errors.Add(outcome.Error!);
            }
            rows.Add(new ImportRow(record.LineNumber, request.Title, request.Type.ToString(), column?.Name ?? columnName, errors));
            if (errors.Count > 0) continue;
            items.Add((new WorkItem
            {
                ProductId = productId, Type = request.Type, Title = request.Title, Description = request.Description, AcceptanceCriteria = request.AcceptanceCriteria,
                ColumnId = column!.Id, AssigneeId = request.AssigneeId, Estimate = request.Estimate, Priority = request.Priority,
                Tags = TagSet.Normalize(request.Tags), DueDate = request.DueDate, Rank = "",
            }, values));
        }
        return new ReadResult(new ImportPreview(rows, rows.Count(r => r.IsValid), rows.Count(r => !r.IsValid), []), items);

        static ReadResult Empty(string error) => new(new ImportPreview([], 0, 0, [error]), []);
    }

    /// <summary>The export as rows of cells: a header, then every item in rank order.</summary>
    private async Task<List<List<string?>>?> TableAsync(Guid productId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Products.AnyAsync(p => p.Id == productId, ct)) return null;
        var columns = await db.WorkflowColumns.AsNoTracking().Where(c => c.ProductId == productId).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var fields = await db.CustomFieldDefinitions.AsNoTracking().Where(f => f.ProductId == productId).OrderBy(f => f.Position).ToListAsync(ct);
        var sprints = await db.Sprints.AsNoTracking().Where(s => s.ProductId == productId).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var items = await db.WorkItems.AsNoTracking().Where(w => w.ProductId == productId).OrderBy(w => w.Rank).ToListAsync(ct);
        var values = (await db.CustomFieldValues.AsNoTracking().Where(v => db.WorkItems.Any(w => w.Id == v.WorkItemId && w.ProductId == productId)).ToListAsync(ct))
            .ToLookup(v => (v.WorkItemId, v.FieldId), v => v.Value);
        var userIds = items.Where(i => i.AssigneeId is not null).Select(i => i.AssigneeId!.Value).Distinct().ToList();
        var emails = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);

        List<List<string?>> table = [[.. FixedHeaders, .. fields.Select(f => f.Name)]];
        foreach (var w in items)
        {
            table.Add(
            [
                w.Id.ToString(), w.Type.ToString(), w.Title, columns.GetValueOrDefault(w.ColumnId), w.AssigneeId is { } a ? emails.GetValueOrDefault(a) : null,
                WorkItemFields.Text(w.Estimate), w.Priority.ToString(), string.Join("; ", TagSet.Parse(w.Tags)),
                w.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), w.ParentId?.ToString(), w.SprintId is { } s ? sprints.GetValueOrDefault(s) : null,
                w.Description, w.AcceptanceCriteria, .. fields.Select(f => string.Join("; ", values[(w.Id, f.Id)])),
            ]);
        }
        return table;
    }
}
