using System.Text;

namespace FactoryCloud.Domain.Files;

/// <summary>A file type that may be attached: what it is served as, whatever the uploader called it.</summary>
public sealed record FileType(string ContentType, string Name);

/// <summary>
/// Decides what an uploaded file is from its first bytes, not from its name: documents (PDF, Office), images (PNG,
/// JPEG, GIF, WebP) and plain text (UTF-8 without NUL: notes, CSV, logs, JSON). Anything else is refused, and so is
/// text a browser could take for markup (it starts with <c>&lt;</c>: HTML, SVG, XML), so nothing uploaded can run
/// script even if it were ever shown inline. The name only tells Office formats apart (all are ZIP containers).
/// </summary>
public static class FileTypes
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs.</summary>
    public const int HeadLength = 512;

    public static readonly FileType Pdf = new("application/pdf", "PDF document");
    public static readonly FileType Png = new("image/png", "PNG image");
    public static readonly FileType Jpeg = new("image/jpeg", "JPEG image");
    public static readonly FileType Gif = new("image/gif", "GIF image");
    public static readonly FileType Webp = new("image/webp", "WebP image");
    public static readonly FileType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document");
    public static readonly FileType Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel workbook");
    public static readonly FileType Pptx = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint presentation");
    public static readonly FileType Zip = new("application/zip", "ZIP archive");
    public static readonly FileType Text = new("text/plain; charset=utf-8", "text");

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public const string Allowed = "PDF, Word, Excel, PowerPoint, ZIP, PNG, JPEG, GIF, WebP or plain text";

    /// <summary>The type of a file starting with <paramref name="head"/> (its first <see cref="HeadLength"/> bytes, or all of a shorter file); null when it may not be attached.</summary>
    public static FileType? Sniff(ReadOnlySpan<byte> head, string fileName)
    {
        if (head.IsEmpty) return null;
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.StartsWith(PngSignature)) return Png;
        if (head.StartsWith(JpegSignature)) return Jpeg;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return Webp;
        if (head.StartsWith("PK\u0003\u0004"u8)) return Office(Path.GetExtension(fileName).ToLowerInvariant());
        return IsPlainText(head) ? Text : null;
    }

    private static FileType Office(string extension) => extension switch
    {
        ".docx" => Docx,
        ".xlsx" => Xlsx,
        ".pptx" => Pptx,
        _ => Zip,
    };

    /// <summary>UTF-8 (a sequence cut at the end of the head is fine), no NUL or other control characters but tab and line breaks, not markup.</summary>
    private static bool IsPlainText(ReadOnlySpan<byte> head)
    {
        var text = head.StartsWith(Utf8Bom) ? head[3..] : head;
        foreach (var b in text)
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r') return false;
        var decoder = new UTF8Encoding(false, true).GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(text.Length)];
        try
        {
            var count = decoder.GetChars(text, chars, flush: false);
            var start = chars.AsSpan(0, count).TrimStart();
            return start.IsEmpty || start[0] != '<';
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
