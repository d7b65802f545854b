namespace FactoryCloud.Web.Features.Backlogs.ImportExport;

/// <summary>One data row of an import: what it would create, or why it cannot.</summary>
public sealed record ImportRow(int LineNumber, string Title, string Type, string Column, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

public sealed record ImportPreview(IReadOnlyList<ImportRow> Rows, int Valid, int Invalid, IReadOnlyList<string> FileErrors);

public sealed record ImportResult(int Imported, int Skipped, ImportPreview Preview);
