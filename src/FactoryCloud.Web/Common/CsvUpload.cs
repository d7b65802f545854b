using System.Text;

namespace FactoryCloud.Web.Common;

/// <summary>
/// A CSV file sent as a request body (<c>Content-Type: text/csv</c>), read as it streams in: reading stops as soon
/// as it holds more records than allowed, so an oversized file costs no more than the allowed rows. The byte limit
/// is the endpoint's request body limit.
/// </summary>
public static class CsvUpload
{
    public static readonly string[] ContentTypes = ["text/csv", "application/csv"];

    public static bool IsCsv(HttpRequest request) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && ContentTypes.Contains(type.MediaType.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>The text of <paramref name="body"/>, or a failure once it holds more than <paramref name="maxRows"/> rows after the header.</summary>
    public static async Task<OperationResult<string>> ReadAsync(Stream body, int maxRows, CancellationToken ct)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
        var text = new StringBuilder();
        var buffer = new char[16 * 1024];
        var (records, inQuotes, lineHasContent) = (0, false, false);
        int read;
        while ((read = await reader.ReadAsync(buffer, ct)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (c == '"') inQuotes = !inQuotes; // a doubled quote toggles twice
                if (!inQuotes && c is '\n' or '\r')
                {
                    if (lineHasContent) records++;
                    lineHasContent = false;
                }
                else if (!char.IsWhiteSpace(c) && c is not ',' and not ';') lineHasContent = true;
            }
            if (records + (lineHasContent ? 1 : 0) > maxRows + 1) return TooMany(maxRows);
            text.Append(buffer, 0, read);
        }
        return text.ToString();
    }

    private static Failure TooMany(int maxRows) => Failure.Invalid("file", $"At most {maxRows} rows at once.");
}
