using System.Globalization;

namespace FactoryCloud.Web.Features.Backlogs.WorkItems;

/// <summary>A file size as people read it: 512 B, 1.5 KB, 2.3 MB (powers of 1024, one decimal).</summary>
public static class FileSizeText
{
    private static readonly string[] Units = ["B", "KB", "MB", "GB", "TB"];

    public static string Of(long bytes)
    {
        double size = bytes;
        var unit = 0;
        while (size >= 1024 && unit < Units.Length - 1) (size, unit) = (size / 1024, unit + 1);
        return unit == 0 ? $"{bytes} B" : size.ToString("0.#", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}
