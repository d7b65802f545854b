using System.Text;
using Azure.Storage.Blobs;
using FactoryCloud.Infrastructure.Files;
using FactoryCloud.Testing;

namespace FactoryCloud.IntegrationTests.Infrastructure.Files;

/// <summary>
/// The two file stores keep the same promises: what is saved reads back byte for byte, saving again replaces it,
/// a missing file reads as null, deleting is idempotent, a key from another tenant is another file, and deleting a
/// tenant's files removes exactly those. The Blob
/// Storage one runs against Azurite (the emulator from npm) on loopback.
/// </summary>
public sealed class FileStoreContractTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = TempDirectory.Create("fctest-files");
    private AzuriteServer _azurite = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _azurite = await AzuriteServer.StartAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        await _azurite.DisposeAsync();
        _folder.Dispose();
    }

    private IFileStore Store(string kind) => kind == "folder"
        ? new FolderFileStore(_folder.Path)
        : new BlobFileStore(new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient("attachments"));

    [Theory]
    [InlineData("folder")]
    [InlineData("blob")]
    public async Task WhatIsSavedReadsBackAndSavingAgainReplacesIt(string kind)
    {
        var store = Store(kind);
        var key = FileKeys.For(Guid.NewGuid(), "attachments", Guid.NewGuid());
        var big = new byte[3 * 1024 * 1024 + 17];
        Random.Shared.NextBytes(big);

        await store.SaveAsync(key, new MemoryStream(big), Ct);
        Assert.Equal(big, await ReadAsync(store, key));
        await store.SaveAsync(key, new MemoryStream(Encoding.UTF8.GetBytes("second")), Ct);
        Assert.Equal("second", Encoding.UTF8.GetString(await ReadAsync(store, key)));
    }

    [Theory]
    [InlineData("folder")]
    [InlineData("blob")]
    public async Task AMissingFileIsNullDeletingIsIdempotentAndAnotherTenantsKeyIsAnotherFile(string kind)
    {
        var store = Store(kind);
        var id = Guid.NewGuid();
        var (mine, theirs) = (FileKeys.For(Guid.NewGuid(), "attachments", id), FileKeys.For(Guid.NewGuid(), "attachments", id));
        Assert.Null(await store.OpenReadAsync(mine, Ct));
        await store.DeleteAsync(mine, Ct);

        await store.SaveAsync(mine, new MemoryStream([1, 2, 3]), Ct);
        Assert.Null(await store.OpenReadAsync(theirs, Ct));
        await store.DeleteAsync(mine, Ct);
        await store.DeleteAsync(mine, Ct);
        Assert.Null(await store.OpenReadAsync(mine, Ct));
    }

    [Theory]
    [InlineData("folder")]
    [InlineData("blob")]
    public async Task DeletingATenantsFilesRemovesAllOfThemAndNoOtherTenants(string kind)
    {
        var store = Store(kind);
        var (tenant, other) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(0, await store.DeleteTenantAsync(tenant, Ct)); // nothing stored yet
        var keys = new[] { FileKeys.For(tenant, "attachments", Guid.NewGuid()), FileKeys.For(tenant, "attachments", Guid.NewGuid()), FileKeys.For(tenant, "evidence", Guid.NewGuid()) };
        foreach (var key in keys) await store.SaveAsync(key, new MemoryStream([1, 2, 3]), Ct);
        var kept = FileKeys.For(other, "attachments", Guid.NewGuid());
        await store.SaveAsync(kept, new MemoryStream([4]), Ct);

        Assert.Equal(3, await store.DeleteTenantAsync(tenant, Ct));

        foreach (var key in keys) Assert.Null(await store.OpenReadAsync(key, Ct));
        Assert.Equal([4], await ReadAsync(store, kept));
        Assert.Equal(0, await store.DeleteTenantAsync(tenant, Ct));
    }

    [Fact]
    public async Task TheFolderStoreTakesOnlyKeysItMadeAndLeavesNoPartOfAFailedSave()
    {
        var store = new FolderFileStore(_folder.Path);
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync("../../etc/passwd", new MemoryStream([1]), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync("/etc/passwd", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync("etc/", Ct));

        var key = FileKeys.For(Guid.NewGuid(), "attachments", Guid.NewGuid());
        await Assert.ThrowsAsync<IOException>(() => store.SaveAsync(key, new FailingStream(), Ct));
        Assert.Null(await store.OpenReadAsync(key, Ct));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories));
    }

    private static async Task<byte[]> ReadAsync(IFileStore store, string key)
    {
        await using var stream = await store.OpenReadAsync(key, Ct) ?? throw new InvalidOperationException($"{key} is missing");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    /// <summary>Gives some bytes, then fails as a dropped upload does.</summary>
    private sealed class FailingStream : Stream
    {
        private int _reads;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => ++_reads < 3 ? count : throw new IOException("connection reset");
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
