using System.Data.Common;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace FactoryCloud.Infrastructure.Persistence.Sql;

/// <summary>
/// A table of the EF model for hand-written SQL: its delimited name and its columns by property name, so statements
/// follow the entity configurations (names from the model, values written as EF writes them, value converters
/// included). Identifiers come from the model, never from input; values go in parameters.
/// </summary>
public sealed class ModelTable
{
    private readonly Dictionary<string, ModelColumn> _columns = new(StringComparer.Ordinal);

    public ModelTable(IModel model, Type entity, ISqlGenerationHelper sql)
    {
        var entityType = model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not in the model.");
        var tableName = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        Name = sql.DelimitIdentifier(tableName, entityType.GetSchema());
        foreach (var property in entityType.GetProperties())
        {
            _columns[property.Name] = new ModelColumn(
                sql.DelimitIdentifier(property.GetColumnName(store)!), property.GetRelationalTypeMapping(), property.IsNullable);
        }
        KeyColumns = Columns(entityType.FindPrimaryKey()!.Properties.Select(p => p.Name).ToArray());
    }

    /// <summary>The table of <typeparamref name="TEntity"/> in <paramref name="db"/>'s model.</summary>
    public static ModelTable Of<TEntity>(DbContext db) => new(db.Model, typeof(TEntity), db.GetService<ISqlGenerationHelper>());

    public string Name { get; }

    /// <summary>The primary key's columns, delimited and comma-separated.</summary>
    public string KeyColumns { get; }

    public ModelColumn this[string property] => _columns[property];

    public string Columns(params string[] properties) => string.Join(", ", properties.Select(p => _columns[p].Name));
}

/// <summary>A column of a <see cref="ModelTable"/>: its delimited name and EF's type mapping.</summary>
public sealed record ModelColumn(string Name, RelationalTypeMapping Mapping, bool IsNullable)
{
    /// <summary>A parameter written as EF writes this column (converter, provider type).</summary>
    public DbParameter Parameter(DbCommand command, string name, object? value) => Mapping.CreateParameter(command, name, value, IsNullable);

    public T Read<T>(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal)) return default!;
        return Mapping.Converter is { } converter
            ? (T)converter.ConvertFromProvider(reader.GetValue(ordinal))!
            : reader.GetFieldValue<T>(ordinal);
    }
}
