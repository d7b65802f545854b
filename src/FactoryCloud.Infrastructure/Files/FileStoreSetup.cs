using Azure.Identity;
using Azure.Storage.Blobs;
using FactoryCloud.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FactoryCloud.Infrastructure.Files;

public static class FileStoreSetup
{
    /// <summary>Registers <see cref="IFileStore"/> and <see cref="FileStoreOptions"/> from the <c>Files</c> settings.</summary>
    public static IServiceCollection AddFileStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp =>
        {
            var options = configuration.GetSection(FileStoreOptions.Section).Get<FileStoreOptions>() ?? new FileStoreOptions();
            options.Validate();
            if (options.Kind == FileStoreKind.Folder) options.Path = FolderOf(options, sp);
            return options;
        });
        services.AddSingleton<IFileStore>(sp =>
        {
            var options = sp.GetRequiredService<FileStoreOptions>();
            if (options.Kind == FileStoreKind.Folder) return new FolderFileStore(options.Path!);
            var service = options.BlobServiceUri is { } uri ? new BlobServiceClient(uri, new DefaultAzureCredential()) : new BlobServiceClient(options.BlobConnectionString);
            return new BlobFileStore(service.GetBlobContainerClient(options.Container));
        });
        return services;
    }

    /// <summary>The folder defaults to sitting beside the SQLite database, so a copy of the database's folder keeps its files.</summary>
    private static string FolderOf(FileStoreOptions options, IServiceProvider services)
    {
        if (!string.IsNullOrWhiteSpace(options.Path))
            return Path.IsPathRooted(options.Path) ? options.Path : Path.Combine(ContentRoot(services), options.Path);
        if (services.GetRequiredService<DatabaseOptions>().SqliteFile is { } file)
            return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, Path.GetFileNameWithoutExtension(file) + ".files");
        return Path.Combine(ContentRoot(services), "App_Data", "files");
    }

    private static string ContentRoot(IServiceProvider services) => services.GetRequiredService<IHostEnvironment>().ContentRootPath;
}
