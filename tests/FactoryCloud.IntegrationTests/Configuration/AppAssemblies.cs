using FactoryCloud.IntegrationTests.Pipeline;

namespace FactoryCloud.IntegrationTests.Configuration;

/// <summary>The two deployable apps' dlls, to start as separate processes (<c>dotnet X.dll --Key=Value</c>).</summary>
public static class AppAssemblies
{
    /// <summary>The web app, built with this test project (it references it): <c>src/FactoryCloud.Web/bin/{config}/net10.0</c>.</summary>
    public static string Web()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FactoryCloud.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"No FactoryCloud.sln above {AppContext.BaseDirectory}.");
        var assembly = Path.Combine(root.FullName, "src", "FactoryCloud.Web", "bin", output.Parent!.Name, output.Name, "FactoryCloud.Web.dll");
        return File.Exists(assembly) ? assembly : throw new InvalidOperationException($"{assembly} is missing: build the solution first.");
    }

    public static Task<string> IngestionAsync() => IngestionProcess.AssemblyAsync();
}
