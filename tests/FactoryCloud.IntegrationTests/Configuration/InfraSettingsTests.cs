using System.Reflection;
using System.Text.RegularExpressions;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Mqtt;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Web.Features.Entra;
using FactoryCloud.Web.Features.Plants;

namespace FactoryCloud.IntegrationTests.Configuration;

/// <summary>
/// Every app setting that <c>infra/main.bicep</c> gives the apps is a setting the apps read, and every literal value
/// parses as that setting's type: a renamed option or a typo in the template fails here, not after a deployment.
/// </summary>
public sealed partial class InfraSettingsTests
{
    private static readonly (string Section, Type[] Options)[] Sections =
    [
        ("Mqtt:External", [typeof(ExternalBrokerOptions)]),
        ("Mqtt", [typeof(BuiltInBrokerOptions), typeof(MqttConnectionOptions)]),
        ("Database", [typeof(DatabaseOptions)]),
        ("Queue", [typeof(QueueOptions)]),
        ("Authentication:Entra", [typeof(EntraOptions)]),
        ("Files", [typeof(FactoryCloud.Infrastructure.Files.FileStoreOptions)]),
    ];

    /// <summary>Settings a host reads directly (<c>GetValue</c>) rather than through an options class, with the file that reads them.</summary>
    private static readonly (string Path, Type Type, string ReadIn)[] DirectSettings =
    [
        ("Ingestion:RunProcessor", typeof(bool), Path.Combine("src", "FactoryCloud.TelemetryWorker", "Program.cs")),
    ];

    [Fact]
    public void Every_app_setting_in_the_template_binds_to_an_option_of_the_apps()
    {
        var settings = AppSettings().ToList();
        Assert.NotEmpty(settings);

        var unknown = new List<string>();
        foreach (var (key, literal) in settings)
        {
            var path = key.Replace("__", ":", StringComparison.Ordinal);
            if (path.StartsWith("ConnectionStrings:", StringComparison.Ordinal))
            {
                if (!Enum.TryParse<DatabaseProvider>(path["ConnectionStrings:".Length..], out _)) unknown.Add(key);
                continue;
            }
            if (DirectSettings.FirstOrDefault(d => d.Path == path) is { Path: not null } direct)
            {
                var source = File.ReadAllText(Path.Combine(RepositoryRoot(), direct.ReadIn));
                if (!source.Contains($"\"{direct.Path}\"", StringComparison.Ordinal)) unknown.Add($"{key} (not read in {direct.ReadIn})");
                else if (literal is not null && !Parses(literal, direct.Type)) unknown.Add($"{key}='{literal}' (not a {direct.Type.Name})");
                continue;
            }
            var property = Resolve(path);
            if (property is null) unknown.Add(key);
            else if (literal is not null && !Parses(literal, property.PropertyType)) unknown.Add($"{key}='{literal}' (not a {property.PropertyType.Name})");
        }

        Assert.True(unknown.Count == 0, "Settings in infra/main.bicep that the apps do not read: " + string.Join(", ", unknown));
    }

    /// <summary>The <c>name</c>s with a section separator in main.bicep's app settings, with their value when it is a literal.</summary>
    private static IEnumerable<(string Key, string? Literal)> AppSettings()
    {
        var bicep = File.ReadAllText(Path.Combine(RepositoryRoot(), "infra", "main.bicep"));
        foreach (Match match in Setting().Matches(bicep))
            yield return (match.Groups["name"].Value, match.Groups["literal"].Success ? match.Groups["literal"].Value : null);
    }

    private static PropertyInfo? Resolve(string path)
    {
        // Most specific section first: Mqtt:External before Mqtt.
        if (Sections.FirstOrDefault(s => path.StartsWith(s.Section + ":", StringComparison.Ordinal)) is not ({ } section, { } types)) return null;
        var segments = path[(section.Length + 1)..].Split(':');
        foreach (var type in types)
        {
            PropertyInfo? property = null;
            var current = type;
            foreach (var segment in segments)
            {
                property = current.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                if (property is null) break;
                current = property.PropertyType;
            }
            if (property is not null) return property;
        }
        return null;
    }

    private static bool Parses(string literal, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return Enum.TryParse(type, literal, ignoreCase: true, out _);
        if (type == typeof(bool)) return bool.TryParse(literal, out _);
        if (type == typeof(int)) return int.TryParse(literal, out _);
        return type == typeof(string);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FactoryCloud.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("No FactoryCloud.sln above the test assembly.");
    }

    [GeneratedRegex(@"name:\s*'(?<name>[A-Za-z]+(?:__[A-Za-z]+)+)'\s*\n\s*value:\s*(?:'(?<literal>[^'$]*)'\s*\n)?")]
    private static partial Regex Setting();
}
