using Azure.Identity;
using Azure.Storage.Blobs;
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
            IFileStore store;
            if (options.Kind == FileStoreKind.Folder) store = new FolderFileStore(options.Path!);
            else
            {
                var service = options.BlobServiceUri is { } uri ? new BlobServiceClient(uri, new DefaultAzureCredential()) : new BlobServiceClient(options.BlobConnectionString);
                store = new BlobFileStore(service.GetBlobContainerClient(options.Container));
            }
            sp.GetService<StoredFileCleanup>()?.Use(store, sp.GetRequiredService<ILoggerFactory>().CreateLogger<StoredFileCleanup>());
            return store;
        });
        // The store is made at start, so deletions made before any upload of this process also delete bytes.
        services.AddHostedService<FileStoreStartup>();
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

/// <summary>Creates the file store when the host starts (which hands it to <see cref="StoredFileCleanup"/>).</summary>
internal sealed class FileStoreStartup(IFileStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(store);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
