using System.Text;

namespace FactoryCloud.Testing;

/// <summary>Builds failure messages that include command output and log tails.</summary>
internal static class Diagnostics
{
    private const int MaxTailLines = 60;
    private const int MaxTailChars = 8000;

    public static string Describe(string headline, ProcessResult? result, IEnumerable<string> logFiles)
    {
        var message = new StringBuilder(headline);
        if (result is not null)
        {
            message.Append("\n--- command: ").Append(result.CommandLine)
                .Append(" (exit ").Append(result.ExitCode).Append(", ")
                .Append(result.Elapsed.TotalSeconds.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture)).Append(" s)");
            AppendSection(message, "stdout", result.StandardOutput);
            AppendSection(message, "stderr", result.StandardError);
        }

        foreach (var file in logFiles.Distinct())
        {
            AppendSection(message, $"tail of {file}", Tail(file));
        }

        return message.ToString();
    }

    public static string Tail(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return "(file does not exist)";
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > MaxTailChars * 4)
            {
                stream.Seek(-MaxTailChars * 4, SeekOrigin.End);
            }

            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            var tail = string.Join('\n', lines.TakeLast(MaxTailLines));
            return tail.Length > MaxTailChars ? tail[^MaxTailChars..] : tail;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(could not read: {ex.Message})";
        }
    }

    /// <summary>True if the text mentions a failed bind of a listening socket.</summary>
    public static bool MentionsAddressInUse(params string?[] texts) =>
        texts.Any(t => t is not null &&
            (t.Contains("Address already in use", StringComparison.OrdinalIgnoreCase) ||
             t.Contains("eaddrinuse", StringComparison.OrdinalIgnoreCase)));

    private static void AppendSection(StringBuilder message, string title, string content)
    {
        message.Append("\n--- ").Append(title).Append(" ---\n");
        message.Append(string.IsNullOrWhiteSpace(content) ? "(empty)" : content.TrimEnd());
    }
}
