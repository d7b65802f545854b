namespace FactoryCloud.Web.Common.Export;

/// <summary>One table of an export (a CSV section, an Excel sheet). Cells are strings, numbers or null.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);
