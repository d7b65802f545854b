using System.Globalization;
using System.IO.Compression;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Common;
using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Infrastructure.Files;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FactoryCloud.Web.Features.Lifecycle.Export;

/// <summary>What a zip holds: one entry of the manifest's <c>files</c>.</summary>
public sealed record ExportedFile(string Path, string? Entity, string Format, long Rows, long Bytes, string Sha256);

/// <summary>The progress a writer reports after every batch and every entity.</summary>
public sealed record ExportProgress(int EntitiesDone, int EntitiesTotal, long RowsWritten, int FilesWritten);

/// <summary>
/// Writes the zip of a tenant's data: for every tenant-owned entity type of the EF model
/// (<see cref="TenantOwnedEntityTypes"/>, so a new entity is included without a change here) <c>entities/{Entity}.json</c>
/// (an array of objects) and <c>entities/{Entity}.csv</c>, <c>people/Members</c> (who the user ids are), (a header line, one line per row, every text cell through
/// <see cref="CsvText.Escape"/>), the uploaded attachments' bytes under <c>files/</c>, and <c>manifest.json</c>
/// (organisation, time, format version, every file with its entity, rows, bytes and SHA-256, and the columns left
/// out). Rows are read <see cref="TenantExportOptions.BatchSize"/> at a time through the tenant's query filter (and,
/// on PostgreSQL, row-level security), each batch the rows after the last key read. Nothing holds more than one batch.
/// </summary>
public sealed class TenantExportWriter(IFileStore files, TenantExportOptions options)
{
    public const string ManifestPath = "manifest.json";

    /// <summary>Bookkeeping of exports themselves: not part of the organisation's data.</summary>
    private static readonly HashSet<Type> NotExported = [typeof(TenantExport)];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    private static readonly UTF8Encoding CsvEncoding = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The entity types an export holds, in the order they are written.</summary>
    public static IReadOnlyList<IEntityType> EntityTypes(IModel model) =>
        TenantOwnedTables.All(model).OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => t.EntityType)
            .Where(t => !NotExported.Contains(t.ClrType)).ToList();

    /// <summary>The columns of <paramref name="entityType"/> that are exported (everything but <see cref="TenantExportExclusions"/>).</summary>
    public static IReadOnlyList<IProperty> Columns(IEntityType entityType) =>
        entityType.GetProperties().Where(p => !TenantExportExclusions.IsExcluded(entityType.ClrType, p.Name)).ToList();

    /// <summary>Writes the zip to <paramref name="output"/> (left open).</summary>
    public async Task WriteAsync(AppDbContext db, TenantExportHeader header, Stream output, Func<ExportProgress, Task> report, CancellationToken ct)
    {
        var entityTypes = EntityTypes(db.Model);
        var written = new List<ExportedFile>();
        long rows = 0;
        var done = 0;
        using var scratch = new TemporaryFolder();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entityType in entityTypes)
            {
                var (json, csv) = await WriteEntityAsync(db, zip, entityType, scratch, async batchRows =>
                {
                    rows += batchRows;
                    await report(new ExportProgress(done, entityTypes.Count, rows, 0));
                }, ct);
                written.Add(json);
                written.Add(csv);
                done++;
                await report(new ExportProgress(done, entityTypes.Count, rows, 0));
            }
            var (membersJson, membersCsv) = await WriteMembersAsync(db, zip, scratch, async batchRows =>
            {
                rows += batchRows;
                await report(new ExportProgress(done, entityTypes.Count, rows, 0));
            }, ct);
            written.Add(membersJson);
            written.Add(membersCsv);
            var attachments = await WriteAttachmentsAsync(db, zip, async count => await report(new ExportProgress(done, entityTypes.Count, rows, count)), ct);
            var entry = zip.CreateEntry(ManifestPath, CompressionLevel.Optimal);
            await using var manifest = await entry.OpenAsync(ct);
            await JsonSerializer.SerializeAsync(manifest, new TenantExportManifest(
                TenantExport.FormatVersion, header.ExportId, new ManifestOrganisation(header.TenantId, header.Name, header.Slug), header.CreatedAt,
                written, attachments, TenantExportExclusions.All.Select(e => new ManifestExclusion(e.Entity.Name, e.Column, e.Why)).ToList()),
                ManifestJson, ct);
        }
    }

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private Task<(ExportedFile Json, ExportedFile Csv)> WriteEntityAsync(
        AppDbContext db, ZipArchive zip, IEntityType entityType, TemporaryFolder scratch, Func<int, Task> onBatch, CancellationToken ct)
    {
        var columns = Columns(entityType);
        return WriteTableAsync(zip, "entities", entityType.ClrType.Name, columns.Select(c => c.Name).ToList(), ReadAsync(db, entityType, columns, ct), scratch, onBatch, ct);
    }

    /// <summary>
    /// <c>people/Members</c>: who the user ids in the other files are (the organisation's members: account id, address,
    /// display name, role). Accounts are shared between organisations, so this is all of them the export holds.
    /// </summary>
    private Task<(ExportedFile Json, ExportedFile Csv)> WriteMembersAsync(AppDbContext db, ZipArchive zip, TemporaryFolder scratch, Func<int, Task> onBatch, CancellationToken ct) =>
        WriteTableAsync(zip, "people", "Members", ["UserId", "Email", "DisplayName", "Role", "JoinedAt"], MembersAsync(db, ct), scratch, onBatch, ct);

    private async IAsyncEnumerable<IReadOnlyList<object?[]>> MembersAsync(AppDbContext db, [EnumeratorCancellation] CancellationToken ct)
    {
        var after = Guid.Empty;
        while (true)
        {
            var last = after;
            var batch = await db.Memberships.AsNoTracking().Where(m => m.UserId > last).OrderBy(m => m.UserId)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new object?[] { m.UserId, u.Email, u.DisplayName, m.Role, m.JoinedAt })
                .Take(options.BatchSize).ToListAsync(ct);
            if (batch.Count > 0) yield return batch;
            if (batch.Count < options.BatchSize) yield break;
            after = (Guid)batch[^1][0]!;
        }
    }

    private static async Task<(ExportedFile Json, ExportedFile Csv)> WriteTableAsync(
        ZipArchive zip, string folder, string name, IReadOnlyList<string> columns, IAsyncEnumerable<IReadOnlyList<object?[]>> rows,
        TemporaryFolder scratch, Func<int, Task> onBatch, CancellationToken ct)
    {
        var jsonPath = $"{folder}/{name}.json";
        var csvPath = $"{folder}/{name}.csv";
        long count = 0;

        // JSON goes straight into its zip entry; CSV to a scratch file beside it (a zip takes one open entry at a
        // time), so the table is read once.
        var csvFile = scratch.File($"{folder}-{name}.csv");
        HashingStream jsonHash;
        await using (var entryStream = await zip.CreateEntry(jsonPath, CompressionLevel.Optimal).OpenAsync(ct))
        await using (jsonHash = new HashingStream(entryStream))
        await using (var csvStream = new FileStream(csvFile, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        await using (var csv = new StreamWriter(csvStream, CsvEncoding, 65536))
        {
            await using var json = new Utf8JsonWriter(jsonHash);
            json.WriteStartArray();
            csv.NewLine = "\r\n";
            await csv.WriteLineAsync(string.Join(',', columns.Select(CsvText.Escape)));
            await foreach (var batch in rows)
            {
                foreach (var row in batch)
                {
                    json.WriteStartObject();
                    for (var i = 0; i < columns.Count; i++)
                    {
                        json.WritePropertyName(columns[i]);
                        if (row[i] is { } value) JsonSerializer.Serialize(json, value, value.GetType(), Json);
                        else json.WriteNullValue();
                    }
                    json.WriteEndObject();
                    await csv.WriteLineAsync(string.Join(',', row.Select(Cell)));
                }
                await json.FlushAsync(ct);
                count += batch.Count;
                await onBatch(batch.Count);
            }
            json.WriteEndArray();
            await json.FlushAsync(ct);
        }
        var jsonFile = new ExportedFile(jsonPath, name, "json", count, jsonHash.Length, jsonHash.Sha256());

        await using var csvRead = new FileStream(csvFile, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var csvEntry = await CopyIntoAsync(zip, csvPath, csvRead, ct);
        return (jsonFile, csvEntry with { Entity = name, Format = "csv", Rows = count });
    }

    /// <summary>
    /// The bytes of every uploaded file: work-item attachments under <c>files/attachments/{id}/{file name}</c>, maturity
    /// evidence under <c>files/evidence/{id}/{file name}</c>.
    /// </summary>
    private async Task<List<ExportedFile>> WriteAttachmentsAsync(AppDbContext db, ZipArchive zip, Func<int, Task> onFile, CancellationToken ct)
    {
        var written = new List<ExportedFile>();
        await WriteFilesAsync(db.WorkItemAttachments.AsNoTracking().Where(a => a.StorageKey == AttachmentLocation.StoredFile)
            .Select(a => new StoredFileRow { Id = a.Id, TenantId = a.TenantId, FileName = a.FileName }), FileKeys.Attachments, nameof(WorkItemAttachment), zip, written, onFile, ct);
        await WriteFilesAsync(db.MaturityEvidenceFiles.AsNoTracking()
            .Select(f => new StoredFileRow { Id = f.Id, TenantId = f.TenantId, FileName = f.FileName }), FileKeys.Evidence, nameof(MaturityEvidenceFile), zip, written, onFile, ct);
        return written;
    }

    /// <summary>Initialised by members (not a constructor) so EF Core can still filter and order on the projection.</summary>
    private sealed class StoredFileRow
    {
        public Guid Id { get; init; }
        public Guid TenantId { get; init; }
        public required string FileName { get; init; }
    }

    private async Task WriteFilesAsync(
        IQueryable<StoredFileRow> rows, string kind, string entity, ZipArchive zip, List<ExportedFile> written, Func<int, Task> onFile, CancellationToken ct)
    {
        Guid? after = null;
        while (true)
        {
            var query = after is { } last ? rows.Where(r => r.Id > last) : rows;
            var batch = await query.OrderBy(r => r.Id).Take(options.BatchSize).ToListAsync(ct);
            foreach (var file in batch)
            {
                await using var content = await files.OpenReadAsync(FileKeys.For(file.TenantId, kind, file.Id), ct);
                if (content is null) continue; // deleted meanwhile
                written.Add(await CopyIntoAsync(zip, $"files/{kind}/{file.Id:N}/{SafeName(file.FileName)}", content, ct) with { Entity = entity, Format = "file" });
                await onFile(written.Count);
            }
            if (batch.Count < options.BatchSize) return;
            after = batch[^1].Id;
        }
    }

    private static async Task<ExportedFile> CopyIntoAsync(ZipArchive zip, string path, Stream content, CancellationToken ct)
    {
        await using var entry = await zip.CreateEntry(path, CompressionLevel.Optimal).OpenAsync(ct);
        await using var hash = new HashingStream(entry);
        await content.CopyToAsync(hash, ct);
        return new ExportedFile(path, null, "", 0, hash.Length, hash.Sha256());
    }

    /// <summary>A file name as a zip entry name: no folders, no control characters, never empty.</summary>
    internal static string SafeName(string name)
    {
        var safe = new string(Path.GetFileName(name.Replace('\\', '/')).Select(c => char.IsControl(c) || c is '/' or ':' ? '_' : c).ToArray()).Trim();
        return safe is "" or "." or ".." ? "file" : safe;
    }

    /// <summary>One CSV cell: numbers and times invariant, values stored as JSON (lists, objects) as their JSON, text escaped.</summary>
    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => CsvText.Escape(s),
        bool b => b ? "true" : "false",
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("O", CultureInfo.InvariantCulture),
        Enum e => CsvText.Escape(e.ToString()),
        Guid g => g.ToString(),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f when value.GetType().IsPrimitive || value is decimal || value is TimeSpan => f.ToString(null, CultureInfo.InvariantCulture),
        _ => CsvText.Escape(JsonSerializer.Serialize(value, value.GetType(), Json)),
    };

    // ---- reading rows in bounded batches ----

    /// <summary>
    /// Keyset paging over the primary key: each batch is the rows after the last one read, in key order (an index
    /// range scan, however long the table). Key columns of an enum type (a bucket's size) cannot be compared in SQL
    /// (they are stored as their names), so the table is read once per value of them, each an equality filter; the
    /// other key columns (ids, times, numbers, text) are compared in order: <c>(a &gt; x) OR (a = x AND b &gt; y) ...</c>.
    /// </summary>
    private async IAsyncEnumerable<IReadOnlyList<object?[]>> ReadAsync(
        AppDbContext db, IEntityType entityType, IReadOnlyList<IProperty> columns, [EnumeratorCancellation] CancellationToken ct)
    {
        var key = entityType.FindPrimaryKey()!.Properties;
        var method = ReadPartitionMethod.MakeGenericMethod(entityType.ClrType);
        var enums = key.Where(k => Nullable.GetUnderlyingType(k.ClrType) is null && k.ClrType.IsEnum).ToList();
        var ordered = key.Where(k => !enums.Contains(k)).ToList();
        foreach (var partition in Combinations(enums))
        {
            var batches = (IAsyncEnumerable<IReadOnlyList<object?[]>>)method.Invoke(this, [db, columns, partition, ordered, ct])!;
            await foreach (var batch in batches) yield return batch;
        }
    }

    /// <summary>Every combination of the enum key columns' values (one empty combination when there are none).</summary>
    private static IEnumerable<IReadOnlyList<(IProperty Column, object Value)>> Combinations(IReadOnlyList<IProperty> enums)
    {
        IEnumerable<IReadOnlyList<(IProperty, object)>> all = [[]];
        foreach (var column in enums)
            all = all.SelectMany(prefix => Enum.GetValues(column.ClrType).Cast<object>().Select(v => (IReadOnlyList<(IProperty, object)>)[.. prefix, (column, v)])).ToList();
        return all;
    }

    private static readonly MethodInfo ReadPartitionMethod = typeof(TenantExportWriter).GetMethod(nameof(ReadPartitionAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private async IAsyncEnumerable<IReadOnlyList<object?[]>> ReadPartitionAsync<TEntity>(
        AppDbContext db, IReadOnlyList<IProperty> columns, IReadOnlyList<(IProperty Column, object Value)> partition, IReadOnlyList<IProperty> key,
        [EnumeratorCancellation] CancellationToken ct)
        where TEntity : class
    {
        var e = Expression.Parameter(typeof(TEntity), "e");
        var names = columns.Select(c => c.Name).ToList();
        var keyIndexes = key.Select(k => names.IndexOf(k.Name)).ToList();
        if (keyIndexes.Contains(-1)) throw new InvalidOperationException($"{typeof(TEntity).Name}: a key column is not exported.");
        var after = new After { Values = new object?[key.Count] };

        IQueryable<TEntity> query = db.Set<TEntity>().AsNoTracking();
        foreach (var (column, value) in partition)
            query = query.Where(Expression.Lambda<Func<TEntity, bool>>(Expression.Equal(Property(e, column), Expression.Constant(value, column.ClrType)), e));
        var afterLast = key.Count == 0 ? null : Expression.Lambda<Func<TEntity, bool>>(AfterLast(e, key, after), e);
        var select = Projection<TEntity>(e, columns);
        var first = true;
        while (true)
        {
            var page = first || afterLast is null ? query : query.Where(afterLast);
            if (key.Count > 0)
            {
                var ordered = OrderBy(page, e, key[0], nameof(Queryable.OrderBy));
                foreach (var next in key.Skip(1)) ordered = OrderBy(ordered, e, next, nameof(Queryable.ThenBy));
                page = ordered;
            }
            var batch = await page.Take(options.BatchSize).Select(select).ToListAsync(ct);
            if (batch.Count > 0) yield return batch;
            if (batch.Count < options.BatchSize || key.Count == 0) yield break;
            for (var i = 0; i < key.Count; i++) after.Values[i] = batch[^1][keyIndexes[i]];
            first = false;
        }
    }

    /// <summary><c>(k1 &gt; v1) OR (k1 = v1 AND k2 &gt; v2) OR ...</c>, the values read from <paramref name="after"/> (so EF sends parameters).</summary>
    private static Expression AfterLast(ParameterExpression e, IReadOnlyList<IProperty> key, After after)
    {
        Expression Value(int i) => Expression.Convert(
            Expression.ArrayIndex(Expression.Field(Expression.Constant(after), nameof(After.Values)), Expression.Constant(i)), key[i].ClrType);
        Expression? any = null;
        for (var i = 0; i < key.Count; i++)
        {
            Expression term = Greater(Property(e, key[i]), Value(i));
            for (var j = i - 1; j >= 0; j--) term = Expression.AndAlso(Expression.Equal(Property(e, key[j]), Value(j)), term);
            any = any is null ? term : Expression.OrElse(any, term);
        }
        return any!;
    }

    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    private static Expression Greater(Expression column, Expression value) => column.Type == typeof(string)
        ? Expression.GreaterThan(Expression.Call(StringCompare, column, value), Expression.Constant(0))
        : Expression.GreaterThan(column, value);

    private static IOrderedQueryable<TEntity> OrderBy<TEntity>(IQueryable<TEntity> query, ParameterExpression e, IProperty property, string method) =>
        (IOrderedQueryable<TEntity>)query.Provider.CreateQuery<TEntity>(Expression.Call(typeof(Queryable), method, [typeof(TEntity), property.ClrType],
            query.Expression, Expression.Quote(Expression.Lambda(Property(e, property), e))));

    /// <summary><c>e =&gt; new object[] { EF.Property&lt;T&gt;(e, "A"), ... }</c>: shadow properties too, values after their converters.</summary>
    private static Expression<Func<TEntity, object?[]>> Projection<TEntity>(ParameterExpression e, IReadOnlyList<IProperty> columns) =>
        Expression.Lambda<Func<TEntity, object?[]>>(
            Expression.NewArrayInit(typeof(object), columns.Select(c => Expression.Convert(Property(e, c), typeof(object)))), e);

    private static MethodCallExpression Property(ParameterExpression e, IProperty property) =>
        Expression.Call(typeof(EF), nameof(EF.Property), [property.ClrType], e, Expression.Constant(property.Name));

    /// <summary>The last key read; a field of a constant, so EF sends its values as parameters and reuses the query.</summary>
    private sealed class After
    {
        public object?[] Values = [];
    }
}

/// <summary>Who and when, for the manifest.</summary>
public sealed record TenantExportHeader(Guid ExportId, Guid TenantId, string Name, string Slug, DateTimeOffset CreatedAt);

public sealed record ManifestOrganisation(Guid Id, string Name, string Slug);

public sealed record ManifestExclusion(string Entity, string Column, string Why);

/// <summary><c>manifest.json</c>.</summary>
public sealed record TenantExportManifest(
    int FormatVersion, Guid ExportId, ManifestOrganisation Organisation, DateTimeOffset CreatedAt,
    IReadOnlyList<ExportedFile> Files, IReadOnlyList<ExportedFile> Attachments, IReadOnlyList<ManifestExclusion> ExcludedColumns);

/// <summary>A write-only pass-through that counts and hashes (SHA-256) what goes through it.</summary>
internal sealed class HashingStream(Stream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _sha256;

    public override long Length => _length;
    private long _length;

    public string Sha256() => _sha256 ??= Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        _length += buffer.Length;
        inner.Write(buffer);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _hash.AppendData(buffer.Span);
        _length += buffer.Length;
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Sha256(); // kept for after the stream is closed
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>A folder for the writer's scratch files, removed with everything in it.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fc-export-" + Guid.NewGuid().ToString("N"))).FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // best effort: the temp folder is the system's to clean
    }
}
