using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using FactoryCloud.Testing;

namespace FactoryCloud.IntegrationTests.Web.Backlogs.WorkItems;

/// <summary>
/// Files uploaded to work items: stored in the app's file folder, typed by their content, downloaded as attachments,
/// deleted with their row, bounded in size, and invisible to another organisation even with the id.
/// </summary>
public sealed class AttachmentFilesApiTests(DatabaseServers servers)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AFileIsUploadedDownloadedAsAnAttachmentAndDeletedWithItsBytes(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var story = await (await TestProduct.CreateAsync(owner)).AddAsync("Wiring diagram");

        using var created = await UploadAsync(owner.Client, story, "../../wiring.pdf", Pdf);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var attachment = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = attachment.GetProperty("id").GetGuid();
        Assert.Equal(("wiring.pdf", "application/pdf", (long)Pdf.Length), (attachment.GetProperty("fileName").GetString(),
            attachment.GetProperty("contentType").GetString(), attachment.GetProperty("sizeBytes").GetInt64()));
        Assert.Single(Directory.GetFiles(app.FilesPath, "*", SearchOption.AllDirectories), f => f.EndsWith(id.ToString("N"), StringComparison.Ordinal));

        using var download = await owner.Client.GetAsync($"/api/v1/attachments/{id}/content", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("wiring.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("sandbox", Assert.Single(download.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/attachments/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/attachments/{id}/content", Ct)).StatusCode);
        Assert.Empty(Directory.GetFiles(app.FilesPath, "*" + id.ToString("N"), SearchOption.AllDirectories));
    }

    [Fact]
    public async Task MarkupUnknownBinariesAndOtherBodyTypesAreRefusedAndNothingIsKept()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var owner = await ApiSession.SignUpAsync(app);
        var story = await (await TestProduct.CreateAsync(owner)).AddAsync("Story");

        using var html = await UploadAsync(owner.Client, story, "report.pdf", Encoding.UTF8.GetBytes("<html><script>alert(document.cookie)</script></html>"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, html.StatusCode);
        Assert.Contains("cannot be attached", await html.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var exe = await UploadAsync(owner.Client, story, "tool.txt", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0]);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, exe.StatusCode);
        using var empty = await UploadAsync(owner.Client, story, "empty.txt", []);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using var noName = await UploadAsync(owner.Client, story, "", Pdf);
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        using var form = await owner.Client.PostAsync($"/api/v1/items/{story}/files?name=a.pdf", new ByteArrayContent(Pdf) { Headers = { ContentType = new("text/plain") } }, Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);

        Assert.Empty((await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{story}/attachments", Ct))!);
        Assert.DoesNotContain(Directory.GetFiles(app.FilesPath, "*", SearchOption.AllDirectories), f => f.Contains(owner.TenantId.ToString("N"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFileOverTheLimitIsRefusedWhileItStreamsAndLeavesNothing()
    {
        await using var app = new FactoryCloudApp(await servers.SharedAsync(DatabaseProvider.Sqlite), new Dictionary<string, string?> { ["Files:MaxBytes"] = "4096" });
        var owner = await ApiSession.SignUpAsync(app);
        var story = await (await TestProduct.CreateAsync(owner)).AddAsync("Story");

        using var fits = await UploadAsync(owner.Client, story, "notes.txt", Encoding.UTF8.GetBytes(new string('a', 4096)));
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        using var over = await UploadAsync(owner.Client, story, "notes.txt", Encoding.UTF8.GetBytes(new string('a', 4097)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Single((await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{story}/attachments", Ct))!);
        Assert.Single(Directory.GetFiles(app.FilesPath, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AnotherOrganisationCannotReadOrDeleteAFileEvenWithItsIdAndStrangersGet401()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var owner = await ApiSession.SignUpAsync(app);
        var viewer = await owner.AddMemberAsync(app, "Viewer");
        var story = await (await TestProduct.CreateAsync(owner)).AddAsync("Story");
        using var created = await UploadAsync(owner.Client, story, "spec.pdf", Pdf);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var other = await ApiSession.SignUpAsync(app);

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/attachments/{id}/content", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.DeleteAsync($"/api/v1/attachments/{id}", Ct)).StatusCode);
        using (var upload = await UploadAsync(other.Client, story, "x.pdf", Pdf)) Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/attachments/{id}/content", Ct)).StatusCode);
        using (var upload = await UploadAsync(app.CreateClient(), story, "x.pdf", Pdf)) Assert.Equal(HttpStatusCode.Unauthorized, upload.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync($"/api/v1/attachments/{id}/content", Ct)).StatusCode);
        using (var upload = await UploadAsync(viewer.Client, story, "x.pdf", Pdf)) Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);

        // A row that only names a location (a link or a key someone typed) has no stored bytes to hand out.
        var typed = await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync($"/api/v1/items/{story}/attachments",
            new { fileName = "spec.pdf", storageKey = $"{owner.TenantId:N}/attachments/{id:N}", sizeBytes = 10 }, Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/attachments/{typed.GetProperty("id").GetGuid()}/content", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.PostAsJsonAsync($"/api/v1/items/{story}/attachments",
            new { fileName = "spec.pdf", storageKey = "stored:file", sizeBytes = 10 }, Ct)).StatusCode);
    }

    [Fact]
    public async Task InTheCloudShapeFilesGoToBlobStorage()
    {
        await using var azurite = await AzuriteServer.StartAsync(Ct);
        await using var app = new FactoryCloudApp(await servers.SharedAsync(DatabaseProvider.Postgres), new Dictionary<string, string?>
        {
            ["Files:Kind"] = "AzureBlob", ["Files:BlobConnectionString"] = azurite.ConnectionString, ["Files:Container"] = "attachments",
        });
        var owner = await ApiSession.SignUpAsync(app);
        var story = await (await TestProduct.CreateAsync(owner)).AddAsync("Story");
        using var created = await UploadAsync(owner.Client, story, "spec.pdf", Pdf);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        var blob = new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("attachments")
            .GetBlobClient($"{owner.TenantId:N}/attachments/{id:N}");
        Assert.True((await blob.ExistsAsync(Ct)).Value);
        Assert.Empty(Directory.GetFiles(app.FilesPath, "*", SearchOption.AllDirectories));
        Assert.Equal(Pdf, await owner.Client.GetByteArrayAsync($"/api/v1/attachments/{id}/content", Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await (await ApiSession.SignUpAsync(app)).Client.GetAsync($"/api/v1/attachments/{id}/content", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/attachments/{id}", Ct)).StatusCode);
        Assert.False((await blob.ExistsAsync(Ct)).Value);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid item, string name, byte[] content) =>
        client.PostAsync($"/api/v1/items/{item}/files?name={Uri.EscapeDataString(name)}",
            new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, Ct);
}
