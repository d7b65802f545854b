using System.Data.Common;
using System.Text;
using FactoryCloud.Domain.Common;

namespace FactoryCloud.Infrastructure.Persistence.Sql;

/// <summary>
/// A multi-row INSERT of some of a tenant-owned table's columns; the tenant is one shared parameter. On PostgreSQL
/// the rows travel as one array parameter per column (<c>INSERT ... SELECT FROM unnest(...)</c>): one short
/// statement for the whole batch, which measured about twice as fast as a multi-row VALUES list and as fast as
/// binary COPY into a temporary table, without leaving a table on the pooled connection. On SQLite: VALUES lists.
/// </summary>
internal sealed class MultiRowInsert<TRow>
{
    /// <summary>Rows per PostgreSQL statement: bounds the size of one message, not a parameter count.</summary>
    private const int RowsPerArrayCommand = 20_000;

    private readonly ModelColumn _tenant;
    private readonly (ModelColumn Column, Func<TRow, object?> Value)[] _columns;
    private readonly string _head;
    private readonly string _tail;
    private readonly int _rowsPerCommand;
    private readonly string? _arraySql;

    public MultiRowInsert(ModelTable table, BulkDialect dialect, IReadOnlyList<(string Property, Func<TRow, object?> Value)> columns, string tail)
    {
        _tenant = table[nameof(ITenantOwned.TenantId)];
        _columns = columns.Select(c => (table[c.Property], c.Value)).ToArray();
        _head = $"INSERT INTO {table.Name} ({_tenant.Name}, {string.Join(", ", _columns.Select(c => c.Column.Name))})";
        _tail = tail;
        if (dialect.UsesArrays)
        {
            _rowsPerCommand = RowsPerArrayCommand;
            _arraySql = $"{_head} SELECT @t, u.* FROM unnest({string.Join(", ", _columns.Select((_, i) => "@a" + i))}) AS u{_tail}";
        }
        else
        {
            _rowsPerCommand = Math.Max(1, dialect.MaxParameters / _columns.Length);
        }
    }

    public async Task ExecuteAsync(
        DbConnection connection, DbTransaction transaction, Guid tenantId, IReadOnlyList<TRow> rows,
        Func<DbDataReader, Task>? readReturned, CancellationToken ct)
    {
        for (var offset = 0; offset < rows.Count; offset += _rowsPerCommand)
        {
            var end = Math.Min(rows.Count, offset + _rowsPerCommand);
            await using var command = connection.CreateCommand(transaction);
            command.Parameters.Add(_tenant.Parameter(command, "@t", tenantId));
            if (_arraySql is not null) AddArrays(command, rows, offset, end);
            else AddValues(command, rows, offset, end);
            if (readReturned is null)
            {
                await command.ExecuteNonQueryAsync(ct);
            }
            else
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                await readReturned(reader);
            }
        }
    }

    /// <summary>One array per column, of the provider's element type (after the column's value converter).</summary>
    private void AddArrays(DbCommand command, IReadOnlyList<TRow> rows, int offset, int end)
    {
        for (var c = 0; c < _columns.Length; c++)
        {
            var (column, value) = _columns[c];
            var converter = column.Mapping.Converter;
            var array = Array.CreateInstance(converter?.ProviderClrType ?? column.Mapping.ClrType, end - offset);
            for (var i = offset; i < end; i++)
            {
                var item = value(rows[i]);
                array.SetValue(converter is null || item is null ? item : converter.ConvertToProvider(item), i - offset);
            }
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@a" + c;
            parameter.Value = array;
            command.Parameters.Add(parameter);
        }
        command.CommandText = _arraySql;
    }

    private void AddValues(DbCommand command, IReadOnlyList<TRow> rows, int offset, int end)
    {
        var sql = new StringBuilder(_head, _head.Length + 8 + ((end - offset) * _columns.Length * 8) + _tail.Length).Append(" VALUES ");
        var parameter = 0;
        for (var i = offset; i < end; i++)
        {
            sql.Append(i == offset ? "(@t" : ",(@t");
            foreach (var (column, value) in _columns)
            {
                var name = "@p" + parameter++;
                command.Parameters.Add(column.Parameter(command, name, value(rows[i])));
                sql.Append(',').Append(name);
            }
            sql.Append(')');
        }
        command.CommandText = sql.Append(_tail).ToString();
    }
}
